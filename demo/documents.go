package demo

import (
	"context"
	"fmt"

	"github.com/zhifa/zhifa/penalty"
)

// loadDocuments issues the 执法文书 of every archived demo case, each step's
// document by the case's first officer, at the end of the story: the
// archived cases then have their frozen, signed PDFs, their digests in the
// ledger and a public check at /verify/document/{digest}. Without a signing
// key (svc.Documents.Signer) nothing is issued.
func loadDocuments(ctx context.Context, l *loader, cases []*kase) error {
	docs := l.svc.Documents
	if docs == nil || docs.Signer == nil {
		return nil
	}
	for _, k := range cases {
		if k.c == nil || k.c.Stage != string(penalty.Archived) {
			continue
		}
		a := l.actors[k.officers[0]]
		items, err := docs.Items(ctx, a, k.c.ID)
		if err != nil {
			return fmt.Errorf("demo documents of %s: %w", k.c.Number, err)
		}
		for _, it := range items {
			if _, err := docs.Issue(ctx, a, k.c.ID, it.Kind.Code, it.Step.ID, 0); err != nil {
				return fmt.Errorf("demo %s of %s: %w", it.Kind.Name, k.c.Number, err)
			}
		}
	}
	return nil
}
