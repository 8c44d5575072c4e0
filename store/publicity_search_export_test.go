package store

import "context"

// SetFTSDriveMax sets the number of matches above which a keyword is
// common (ftsDriveMax), so that a test reaches both plans with few rows;
// it returns the function that restores it.
func SetFTSDriveMax(n int) func() {
	old := ftsDriveMax
	ftsDriveMax = n
	return func() { ftsDriveMax = old }
}

// QueryIDsForBench runs a query on db's read pool and reads every row, for the reference queries of the benchmarks.
func QueryIDsForBench(ctx context.Context, db *DB, q string, args ...any) error {
	rows, err := db.query(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return err
	}
	vals := make([]any, len(cols))
	for i := range vals {
		vals[i] = new(any)
	}
	for rows.Next() {
		if err := rows.Scan(vals...); err != nil {
			return err
		}
	}
	return rows.Err()
}
