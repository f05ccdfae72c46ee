package words

import (
	"time"

	"github.com/iobeya-token/iobeya-token/internal/token"
	"github.com/nicksnyder/go-i18n/v2/i18n"
)

// Why a token is in its state, as the status's message says it.
var (
	reasonNoToken           = msg("ReasonNoToken", "You have no personal access token yet.")
	reasonDamaged           = msg("ReasonDamaged", "The stored token is damaged — revoke it and generate a new one.")
	reasonNoExpiry          = msg("ReasonNoExpiry", "Your token has no expiry date — ask the platform whether it still works.")
	reasonLocalValid        = msg("ReasonLocalValid", "Your token expires in {{.Duration}} ({{.Date}}); not checked with the platform.")
	reasonLocalExpiring     = msg("ReasonLocalExpiring", "Your token expires in {{.Duration}} ({{.Date}}); not checked with the platform. Generate a new one soon.")
	reasonExpired           = msg("ReasonExpired", "Your token expired on {{.Date}}. Generate a new one.")
	reasonUncheckedNoExpiry = msg("ReasonUncheckedNoExpiry", "Your token could not be checked with the platform, and it has no expiry date of its own.")
	reasonUncheckedExpired  = msg("ReasonUncheckedExpired", "Your token could not be checked with the platform. By its own date it expired on {{.Date}}.")
	reasonUnchecked         = msg("ReasonUnchecked", "Your token could not be checked with the platform. By its own date it expires in {{.Duration}} ({{.Date}}).")
	reasonWorksNoExpiry     = msg("ReasonWorksNoExpiry", "Your token works and has no expiry date.")
	reasonWorksClockPast    = msg("ReasonWorksClockPast", "The platform still accepts your token, but by this computer's clock it expired on {{.Date}}. Check the computer's date and time, and generate a new token soon.")
	reasonWorksExpiring     = msg("ReasonWorksExpiring", "Your token works but expires in {{.Duration}} ({{.Date}}). Generate a new one soon.")
	reasonWorks             = msg("ReasonWorks", "Your token works and expires in {{.Duration}} ({{.Date}}).")
	reasonRevoked           = msg("ReasonRevoked", "The platform no longer accepts your token: it was revoked. Generate a new one.")
	reasonNoAccess          = msg("ReasonNoAccess", "The platform knows your token but refuses it the API: your plan or your permissions do not include it. Ask your iObeya administrator for API access.")
	statusStray             = msg("StatusStrayToken", "The platform has an active token for you that is not kept here (it was generated elsewhere). To keep one here, revoke it and generate a new one.")
	statusSignedOutManage   = msg("StatusSignedOutManage", "You have been signed out; sign in again to manage the token.")
	statusSignedOutGenerate = msg("StatusSignedOutGenerate", "You have been signed out; sign in again to generate a token.")
)

// reasons words each token.Why.
var reasons = map[token.Why]*i18n.Message{
	token.WhyNoToken:           reasonNoToken,
	token.WhyDamaged:           reasonDamaged,
	token.WhyNoExpiry:          reasonNoExpiry,
	token.WhyLocalValid:        reasonLocalValid,
	token.WhyLocalExpiring:     reasonLocalExpiring,
	token.WhyExpired:           reasonExpired,
	token.WhyUncheckedNoExpiry: reasonUncheckedNoExpiry,
	token.WhyUncheckedExpired:  reasonUncheckedExpired,
	token.WhyUnchecked:         reasonUnchecked,
	token.WhyWorksNoExpiry:     reasonWorksNoExpiry,
	token.WhyWorksClockPast:    reasonWorksClockPast,
	token.WhyWorksExpiring:     reasonWorksExpiring,
	token.WhyWorks:             reasonWorks,
	token.WhyRevoked:           reasonRevoked,
	token.WhyNoAccess:          reasonNoAccess,
}

// Reason says why a token is in the state token.Evaluate decided at now.
func (w *Words) Reason(st token.Status, now time.Time) string {
	a := Args{"Date": w.Date(st.ExpiresAt, now), "Duration": w.Until(st.ExpiresIn)}
	m := reasons[st.Why]
	if m == nil {
		return ""
	}
	return w.Say(m, a)
}

// DamagedToken is the message of a stored token that cannot be read.
func (w *Words) DamagedToken() string { return w.Say(reasonDamaged, nil) }

// NoToken is the message of a status without a token.
func (w *Words) NoToken() string { return w.Say(reasonNoToken, nil) }

// StrayToken says the platform has an active token that is not kept here.
func (w *Words) StrayToken() string { return w.Say(statusStray, nil) }

// SignedOutDuringCheck says the session ended while a token was checked
// (manage: a token is kept here) or while asking for one (generate).
func (w *Words) SignedOutDuringCheck(hasToken bool) string {
	if hasToken {
		return w.Say(statusSignedOutManage, nil)
	}
	return w.Say(statusSignedOutGenerate, nil)
}
