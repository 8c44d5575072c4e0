package blob

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"
)

// S3 is an S3-compatible object store holding the content store's files
// under sha256/<hex> (issue 13, "object storage for a province"). With a
// remote, the local store is the staging area and cache: Put hashes and
// stores the file locally as before, then copies it to the bucket; Open
// reads the local copy, fetching it from the bucket (and checking its
// digest) when the local disk no longer has it. Where the bucket has
// Object Lock enabled, every object is written in COMPLIANCE mode until
// now + Retain, so nobody, not even the bucket's owner, can delete or
// overwrite it before then (WORM).
type S3 struct {
	client *minio.Client
	bucket string
	// Retain is how long Object Lock keeps each object (0: the bucket's
	// default retention, if any).
	Retain time.Duration
	// Locked reports whether the bucket has Object Lock enabled.
	Locked bool
}

// OpenS3 opens the bucket named by a URL of the form
//
//	s3://bucket?endpoint=host:port[&secure=false][&region=r][&retain=30y]
//
// with the access key and secret in the environment (ZHIFA_S3_ACCESS_KEY
// and ZHIFA_S3_SECRET_KEY, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY).
// The bucket is created if missing, with Object Lock when lock=1.
func OpenS3(ctx context.Context, raw string, getenv func(string) string) (*S3, error) {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "s3" || u.Host == "" {
		return nil, fmt.Errorf("文件存储地址须形如 s3://存储桶?endpoint=主机:端口,现为 %q", raw)
	}
	q := u.Query()
	endpoint := q.Get("endpoint")
	if endpoint == "" {
		return nil, fmt.Errorf("文件存储地址 %q 缺少 endpoint=主机:端口", raw)
	}
	ak, sk := getenv("ZHIFA_S3_ACCESS_KEY"), getenv("ZHIFA_S3_SECRET_KEY")
	if ak == "" {
		ak, sk = getenv("AWS_ACCESS_KEY_ID"), getenv("AWS_SECRET_ACCESS_KEY")
	}
	if ak == "" || sk == "" {
		return nil, errors.New("S3 文件存储须在环境变量 ZHIFA_S3_ACCESS_KEY 与 ZHIFA_S3_SECRET_KEY 中提供访问密钥")
	}
	client, err := minio.New(endpoint, &minio.Options{Creds: credentials.NewStaticV4(ak, sk, ""), Secure: q.Get("secure") != "false", Region: q.Get("region")})
	if err != nil {
		return nil, fmt.Errorf("S3 文件存储 %s: %w", endpoint, err)
	}
	s := &S3{client: client, bucket: u.Host}
	if v := q.Get("retain"); v != "" {
		years, err := strconv.Atoi(strings.TrimSuffix(v, "y"))
		if err != nil || !strings.HasSuffix(v, "y") || years <= 0 {
			return nil, fmt.Errorf("retain 须为年数,如 30y,现为 %q", v)
		}
		s.Retain = time.Duration(years) * 365 * 24 * time.Hour
	}
	ok, err := client.BucketExists(ctx, s.bucket)
	if err != nil {
		return nil, fmt.Errorf("S3 文件存储 %s 不可用: %w", endpoint, err)
	}
	if !ok {
		if err := client.MakeBucket(ctx, s.bucket, minio.MakeBucketOptions{Region: q.Get("region"), ObjectLocking: q.Get("lock") == "1"}); err != nil {
			return nil, fmt.Errorf("创建存储桶 %s: %w", s.bucket, err)
		}
	}
	if enabled, _, _, _, err := client.GetObjectLockConfig(ctx, s.bucket); err == nil && enabled == "Enabled" {
		s.Locked = true
	}
	return s, nil
}

func s3Key(hexsum string) string { return "sha256/" + hexsum[0:2] + "/" + hexsum[2:4] + "/" + hexsum }

// has reports whether the bucket holds the object of hexsum.
func (s *S3) has(ctx context.Context, hexsum string) (bool, error) {
	_, err := s.client.StatObject(ctx, s.bucket, s3Key(hexsum), minio.StatObjectOptions{})
	if err == nil {
		return true, nil
	}
	if minio.ToErrorResponse(err).Code == "NoSuchKey" || minio.ToErrorResponse(err).StatusCode == 404 {
		return false, nil
	}
	return false, err
}

// put copies the local file path, whose SHA-256 is hexsum, to the bucket
// unless it is there already (content-addressed: same name, same bytes).
func (s *S3) put(ctx context.Context, path, hexsum string) error {
	if ok, err := s.has(ctx, hexsum); err != nil || ok {
		return err
	}
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return err
	}
	opts := minio.PutObjectOptions{ContentType: "application/octet-stream", SendContentMd5: s.Locked}
	if s.Locked && s.Retain > 0 {
		opts.Mode, opts.RetainUntilDate = minio.Compliance, time.Now().Add(s.Retain)
	}
	_, err = s.client.PutObject(ctx, s.bucket, s3Key(hexsum), f, st.Size(), opts)
	return err
}

// fetch downloads the object of hexsum to dst (through a temporary file in
// tmp, checked against its digest).
func (s *S3) fetch(ctx context.Context, hexsum, dst, tmp string) error {
	obj, err := s.client.GetObject(ctx, s.bucket, s3Key(hexsum), minio.GetObjectOptions{})
	if err != nil {
		return err
	}
	defer obj.Close()
	f, err := os.CreateTemp(tmp, "fetch-*")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	d := newDigests()
	defer d.close()
	if _, err := io.Copy(io.MultiWriter(f, d), obj); err != nil {
		f.Close()
		if minio.ToErrorResponse(err).StatusCode == 404 {
			return os.ErrNotExist
		}
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if got := fmt.Sprintf("%x", d.sha.Sum(nil)); got != hexsum {
		return fmt.Errorf("blob: object sha256/%s in the bucket holds sha256:%s", hexsum, got)
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o700); err != nil {
		return err
	}
	return os.Rename(f.Name(), dst)
}
