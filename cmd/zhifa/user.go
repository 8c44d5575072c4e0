package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/identity"
	"github.com/zhifa/zhifa/service"
)

const userSynopsis = `user <create|disable|enable|reset-password|unlock|list> [参数]

  zhifa user create --username admin --name 张三 --roles sysadmin --password-stdin < 密码文件
  zhifa user disable 用户名
  zhifa user enable 用户名
  zhifa user reset-password --password-stdin 用户名
  zhifa user unlock 用户名      解除该用户在所有地址上的登录锁定
  zhifa user list

控制台操作以 system/console 身份记入台账。`

func runUser(ctx context.Context, e *env, args []string) error {
	var c config
	fs := newFlagSet(e, "user", userSynopsis)
	c.register(fs, e, false)
	username := fs.String("username", "", "create:用户名")
	name := fs.String("name", "", "create:姓名")
	agency := fs.Int64("agency", 0, "create:所属单位(执法主体)编号,管理员可不填")
	officer := fs.Int64("officer", 0, "create:对应的执法人员编号(执法证),可不填")
	roles := fs.String("roles", "", "create:角色,逗号分隔:officer,unit_head,reviewer,agency_head,supervisor,sysadmin,secadmin,auditor")
	password := fs.String("password", "", "create/reset-password:密码(会留在命令历史中,建议用 --password-stdin)")
	fromStdin := fs.Bool("password-stdin", false, "create/reset-password:从标准输入读取密码(第一行)")
	if len(args) == 0 {
		fs.Usage()
		return &exitError{code: 2, err: errors.New("缺少 user 的操作:create、disable、enable、reset-password、unlock 或 list")}
	}
	op := args[0]
	pos, err := parseArgs(fs, args[1:])
	if err != nil {
		return err
	}
	pw := *password
	if *fromStdin {
		line, err := bufio.NewReader(e.stdin).ReadString('\n')
		if err != nil && line == "" {
			return fmt.Errorf("从标准输入读取密码: %w", err)
		}
		pw = strings.TrimRight(line, "\r\n")
	}
	db, err := c.openDB(ctx, false)
	if err != nil {
		return err
	}
	defer db.Close()
	svc := service.New(db, newLogger(e), nil)
	a := zhifa.Console
	target := func() (*identity.User, error) {
		if len(pos) != 1 {
			return nil, &exitError{code: 2, err: fmt.Errorf("user %s 需要一个用户名参数", op)}
		}
		return svc.FindUserByName(ctx, a, pos[0])
	}
	switch op {
	case "create":
		var rs []zhifa.Role
		for _, s := range strings.Split(*roles, ",") {
			if s = strings.TrimSpace(s); s == "" {
				continue
			}
			r, ok := zhifa.ParseRole(s)
			if !ok {
				return fmt.Errorf("未知角色 %q", s)
			}
			rs = append(rs, r)
		}
		u, err := svc.CreateUser(ctx, a, identity.UserInput{Username: *username, Name: *name, AgencyID: *agency, OfficerID: *officer, Roles: rs, Password: pw})
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "已创建用户 %s(编号 %d)\n", u.Username, u.ID)
	case "disable", "enable":
		u, err := target()
		if err != nil {
			return err
		}
		if err := svc.SetUserDisabled(ctx, a, u.ID, op == "disable"); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "已%s用户 %s\n", map[string]string{"disable": "停用", "enable": "启用"}[op], u.Username)
	case "reset-password":
		u, err := target()
		if err != nil {
			return err
		}
		if err := svc.ResetPassword(ctx, a, u.ID, pw); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "已重置用户 %s 的密码\n", u.Username)
	case "unlock":
		u, err := target()
		if err != nil {
			return err
		}
		if err := svc.UnlockUser(ctx, a, u.ID); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "已解除用户 %s 的登录锁定\n", u.Username)
	case "list":
		us, err := svc.ListUsers(ctx, a)
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(e.stdout, 2, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "编号\t用户名\t姓名\t单位\t角色\t状态")
		for _, u := range us {
			var names []string
			for _, r := range u.Roles {
				names = append(names, r.Name())
			}
			state := "正常"
			if u.Disabled {
				state = "已停用"
			} else if u.FailedLogin > 0 {
				state = fmt.Sprintf("连续登录失败 %d 次", u.FailedLogin)
			}
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\n", u.ID, u.Username, u.Name, u.AgencyName, strings.Join(names, "、"), state)
		}
		tw.Flush()
	default:
		fs.Usage()
		return &exitError{code: 2, err: fmt.Errorf("未知的 user 操作 %q", op)}
	}
	return nil
}
