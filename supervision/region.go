package supervision

import "strings"

// RegionPrefix returns the part of a six-digit administrative division code
// (GB/T 2260) that the agencies a 司法局 of that region supervises share:
// "610921" (a county) → "610921", "610900" (a city) → "6109", "610000" (a
// province) → "61". A code that is not six digits supervises nothing
// beyond itself.
func RegionPrefix(region string) string {
	if len(region) != 6 || strings.Trim(region, "0123456789") != "" {
		return region
	}
	switch {
	case strings.HasSuffix(region, "0000"):
		return region[:2]
	case strings.HasSuffix(region, "00"):
		return region[:4]
	}
	return region
}

// Covers reports whether a 司法局 of region supervisorRegion supervises an
// agency of region agencyRegion.
func Covers(supervisorRegion, agencyRegion string) bool {
	if supervisorRegion == "" || agencyRegion == "" {
		return false
	}
	return strings.HasPrefix(agencyRegion, RegionPrefix(supervisorRegion))
}
