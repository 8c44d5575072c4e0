package store

// SetFTSDriveMax sets the number of matches above which a keyword is
// common (ftsDriveMax), so that a test reaches both plans with few rows;
// it returns the function that restores it.
func SetFTSDriveMax(n int) func() {
	old := ftsDriveMax
	ftsDriveMax = n
	return func() { ftsDriveMax = old }
}
