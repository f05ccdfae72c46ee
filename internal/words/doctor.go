package words

// The details of the doctor's report, for IT support. Durations and times
// stay in Go's and RFC 3339's forms there, and the state is its status
// --json value: they are compared with logs and scripts.
var (
	DoctorKeychainOK        = msg("DoctorKeychainOK", "{{.Backend}}: a test secret was saved, read back and deleted")
	DoctorKeychainUnchecked = msg("DoctorKeychainUnchecked", "provided by the program (no health check available)")
	DoctorNoS256            = msg("DoctorNoS256", "{{.Host}} answers, but does not support secure sign-in for desktop apps (PKCE S256). Ask your IT support.")
	DoctorPlatformOK        = msg("DoctorPlatformOK", "{{.Host}} answers; discovery present; issuer {{.Issuer}}; secure sign-in (PKCE S256) supported; API at {{.API}}")
	DoctorPlatformProfile   = msg("DoctorPlatformProfile", "{{.Host}} answers; discovery absent, so iObeya's public endpoints are used (sign-in at {{.Authorize}}); API at {{.API}}")
	DoctorSignInFirst       = msg("DoctorSignInFirst", "not checked: sign in first")
	DoctorWithToken         = msg("DoctorWithToken", "with your token")
	DoctorWithSession       = msg("DoctorWithSession", "with your session")
	DoctorFlowUnchecked     = msg("DoctorFlowUnchecked", "not checked (GET /v1/rooms): sign in or generate a token first")
	DoctorPresent           = msg("DoctorPresent", "present: {{.Host}} answers {{.Call}}")
	DoctorAbsent            = msg("DoctorAbsent", "absent: {{.Host}} does not offer {{.Call}} ({{.Cause}}). {{.Means}}")
	DoctorPartFailed        = msg("DoctorPartFailed", "{{.Call}} failed: {{.Message}} {{.NextStep}}")
	DoctorAbsentTokenAPI    = msg("DoctorAbsentTokenAPI", "Generating a token here will not work; make one in the iObeya web app instead.")
	DoctorAbsentMe          = msg("DoctorAbsentMe", "iObeya Token takes your name from the token instead.")
	DoctorAbsentFlow        = msg("DoctorAbsentFlow", "Tools such as Power Automate will not get through.")
	DoctorCauseWebPage      = msg("DoctorCauseWebPage", "a web page answered instead of the API")
	DoctorCauseNothing      = msg("DoctorCauseNothing", "nothing there")
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

// doctorTopics are the report's topics, keyed by their English name, which
// the report keeps as its stable key.
var doctorTopics = map[string]*Message{
	"Settings":         msg("DoctorTopicSettings", "Settings"),
	"IT configuration": msg("DoctorTopicIT", "IT configuration"),
	"Keychain":         msg("DoctorTopicKeychain", "Keychain"),
	"Proxy":            msg("DoctorTopicProxy", "Proxy"),
	"Platform":         msg("DoctorTopicPlatform", "Platform"),
	"Clock":            msg("DoctorTopicClock", "Clock"),
	"Session":          msg("DoctorTopicSession", "Session"),
	"Token API":        msg("DoctorTopicTokenAPI", "Token API"),
	"Flow API":         msg("DoctorTopicFlowAPI", "Flow API"),
	"Token":            msg("DoctorTopicToken", "Token"),
}

// DoctorTopic is the label of a topic of the doctor's report; a topic
// with no words (an address such as /v1/me) is its own label.
func (w *Words) DoctorTopic(topic string) string {
	if m := doctorTopics[topic]; m != nil {
		return w.Say(m, nil)
	}
	return topic
}

// What IT's machine-wide file sets, in the doctor's report.
var (
	DoctorITNone         = msg("DoctorITNone", "{{.Path}}: none (the user's own settings apply)")
	DoctorITFile         = msg("DoctorITFile", "{{.Path}}: {{.Set}}")
	DoctorITPlatform     = msg("DoctorITPlatform", "platform {{.Platform}}")
	DoctorITClient       = msg("DoctorITClient", "OAuth client {{.ID}} without a secret")
	DoctorITClientSecret = msg("DoctorITClientSecret", "OAuth client {{.ID}} with a secret")
	DoctorITPort         = msg("DoctorITPort", "redirect port {{.Port}}")
	DoctorITNothing      = msg("DoctorITNothing", "nothing set")
)
