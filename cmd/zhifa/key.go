package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/store"
)

const keySynopsis = `key rotate-data [--data 目录] [--db 连接串] [--data-key 文件] [--cipher aes-256-gcm|sm4-gcm] [--batch N]

  zhifa key rotate-data   在数据加密密钥文件中生成新的密钥版本,并以它重新加密
                          所有案件的当事人身份号码、电话、住址和各环节的记录
                          (明文的旧数据一并加密)

新版本的算法由 --cipher 选择:aes-256-gcm(默认)或 sm4-gcm(国密 SM4)。
旧的密钥版本留在文件中,用于读取尚未轮换的数据和较早的备份。轮换分批写入,每批
以 system/console 身份记入一条台账事件(data_key.rotated)。请在所有 serve 进程
停止时执行,或执行后重启它们:运行中的进程不认识新的密钥版本。`

func runKey(ctx context.Context, e *env, args []string) error {
	var c config
	fs := newFlagSet(e, "key", keySynopsis)
	c.register(fs, e, false)
	batch := fs.Int("batch", 200, "rotate-data:每个写事务重新加密的行数")
	alg := fs.String("cipher", store.FieldAES, "rotate-data:新密钥版本的算法:aes-256-gcm 或 sm4-gcm(国密 SM4)")
	if len(args) == 0 || args[0] != "rotate-data" {
		fs.Usage()
		return &exitError{code: 2, err: errors.New("缺少 key 的操作:rotate-data")}
	}
	pos, err := parseArgs(fs, args[1:])
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return &exitError{code: 2, err: fmt.Errorf("key rotate-data 不接受参数 %q", pos[0])}
	}
	if *batch <= 0 {
		return &exitError{code: 2, err: errors.New("--batch 须为正整数")}
	}
	if *alg != store.FieldAES && *alg != store.FieldSM4 {
		return &exitError{code: 2, err: fmt.Errorf("--cipher 应为 %s 或 %s,而不是 %q", store.FieldAES, store.FieldSM4, *alg)}
	}
	if c.dataKeyFile == "" && c.dataKeyEnv != "" {
		return errors.New("环境变量 ZHIFA_DATA_KEY 给出的密钥无法轮换:新的密钥版本须写入密钥文件。请以 --data-key 指定密钥文件(可先把该变量的内容写入文件,权限 0600)")
	}
	db, err := c.openDB(ctx, false)
	if err != nil {
		return err
	}
	defer db.Close()
	if c.now != nil {
		db.Now = c.now
	}
	// The ring as it is: it must read every stored value before a new
	// version is written. Without a key file (and nothing encrypted yet)
	// the file is created with one key of the chosen cipher.
	path := c.dataKeyPath()
	old, err := c.readDataKeys(ctx, db)
	if err != nil {
		return err
	}
	var keys *store.FieldKeys
	if old != nil {
		if keys, err = store.AddFieldKey(path, *alg); err != nil {
			return fmt.Errorf("数据加密密钥文件 %s: %w", path, err)
		}
		fmt.Fprintf(e.stdout, "已在 %s 中生成新的数据加密密钥版本 %s(%s;原有版本 %s 保留)。\n", path, keys.Current(), *alg, strings.Join(old.IDs(), "、"))
	} else {
		if keys, err = store.CreateFieldKeyFile(path, *alg); err != nil {
			return fmt.Errorf("创建数据加密密钥文件 %s: %w", path, err)
		}
		fmt.Fprintf(e.stdout, "已创建数据加密密钥文件 %s,密钥版本 %s(%s)。\n", path, keys.Current(), *alg)
	}
	db.SetFieldKeys(keys)
	n, err := db.RotateFieldKeys(ctx, keys, zhifa.Console.Ref(), *batch)
	if err != nil {
		return fmt.Errorf("已重新加密 %d 个案件、%d 个环节后出错(可再次执行本命令继续):%w", n["cases"], n["case_steps"], err)
	}
	use, err := db.FieldKeyUse(ctx)
	if err != nil {
		return err
	}
	rest := 0
	for id, k := range use {
		if id != keys.Current() {
			rest += k
		}
	}
	fmt.Fprintf(e.stdout, "已以密钥版本 %s 重新加密 %d 个案件的当事人信息和 %d 个环节的记录;现有 %d 项加密值为该版本", keys.Current(), n["cases"], n["case_steps"], use[keys.Current()])
	if rest > 0 {
		// Written meanwhile by a serve process that holds the old ring.
		fmt.Fprintf(e.stdout, ",另有 %d 项仍为旧版本或明文(轮换期间有服务进程写入):请重启服务进程后再执行一次", rest)
	}
	fmt.Fprintf(e.stdout, "。\n请重启所有 serve 进程以载入新的密钥版本;密钥文件须与数据库、备份分开保管。\n")
	return nil
}
