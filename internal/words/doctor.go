package words

// The details of the doctor's report, for IT support. Durations and times
// stay in Go's and RFC 3339's forms there, and the state is its status
// --json value: they are compared with logs and scripts.
var (
	DoctorKeychainOK        = msg("DoctorKeychainOK", "{{.Backend}}: a test secret was saved, read back and deleted")
	DoctorKeychainUnchecked = msg("DoctorKeychainUnchecked", "provided by the program (no health check available)")
	DoctorNoS256            = msg("DoctorNoS256", "{{.Host}} answers, but does not support secure sign-in for desktop apps (PKCE S256). Ask your IT support.")
	DoctorPlatformOK        = msg("DoctorPlatformOK", "{{.Host}} answers; issuer {{.Issuer}}; secure sign-in (PKCE S256) supported; API at {{.API}}")
	DoctorNotSignedIn       = msg("DoctorNotSignedIn", "not signed in")
	DoctorSignedIn          = msg("DoctorSignedIn", "signed in as {{.Account}}")
	DoctorSignedOut         = msg("DoctorSignedOut", "{{.Account}} is signed out")
	DoctorNoToken           = msg("DoctorNoToken", "none stored")
	DoctorNoExpiry          = msg("DoctorNoExpiry", "no expiry date")
	DoctorExpires           = msg("DoctorExpires", "expires {{.Time}}")
	DoctorToken             = msg("DoctorToken", "{{.Masked}}, {{.Expiry}} ({{.State}} by its own date)")
	DoctorClockError        = msg("DoctorClockError", "could not be compared: {{.Error}}")
	DoctorClockNoAnswer     = msg("DoctorClockNoAnswer", "could not be compared: {{.Host}} did not answer")
	DoctorClockNoDate       = msg("DoctorClockNoDate", "{{.Host}} sends no usable Date header; not compared")
	DoctorClockAhead        = msg("DoctorClockAhead", "this computer is {{.Skew}} ahead of {{.Host}}: expiry dates will be off. Set the date and time automatically in the system settings.")
	DoctorClockBehind       = msg("DoctorClockBehind", "this computer is {{.Skew}} behind {{.Host}}: expiry dates will be off. Set the date and time automatically in the system settings.")
	DoctorClockOK           = msg("DoctorClockOK", "within {{.Skew}} of {{.Host}}")
	DoctorNoProxy           = msg("DoctorNoProxy", "none set (direct connection)")
)
