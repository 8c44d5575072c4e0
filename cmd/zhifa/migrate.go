package main

import (
	"context"
	"fmt"

	"github.com/zhifa/zhifa/store"
)

func runMigrate(ctx context.Context, e *env, args []string) error {
	var c config
	fs := newFlagSet(e, "migrate", "migrate [--data 目录] [--db 连接串]")
	c.register(fs, e, false)
	if err := fs.Parse(args); err != nil {
		return err
	}
	db, err := store.Open(ctx, c.db, c.data)
	if err != nil {
		return err
	}
	defer db.Close()
	n, err := db.Migrate(ctx)
	if err != nil {
		return err
	}
	cur, _, err := db.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s:执行了 %d 个迁移,结构版本 %d\n", db.Display, n, cur)
	return nil
}
