package words

// The pages the browser tab shows when the platform sends the user back to
// iObeya Token after signing in (internal/signin).
var (
	SigninPageSignedIn        = msg("SigninPageSignedIn", "Signed in — you can close this tab and return to iObeya Token")
	SigninPageComplete        = msg("SigninPageComplete", "Your sign-in to {{.Host}} is complete.")
	SigninPageFailed          = msg("SigninPageFailed", "Sign-in did not complete")
	SigninPageFinished        = msg("SigninPageFinished", "This sign-in has already finished")
	SigninPageNotHere         = msg("SigninPageNotHere", "Nothing here")
	SigninPageWrongVerb       = msg("SigninPageWrongVerb", "This page only answers to the browser's sign-in")
	SigninPageCancelled       = msg("SigninPageCancelled", "Sign-in cancelled in iObeya Token")
	SigninPageCloseTab        = msg("SigninPageCloseTab", "You can close this tab and return to iObeya Token.")
	SigninPageCancelledAdvice = msg("SigninPageCancelledAdvice", "This sign-in was cancelled in iObeya Token, so it was not completed. You can close this tab; to sign in, start again from iObeya Token.")
	SigninPageUnchecked       = msg("SigninPageUnchecked", "The platform {{.Host}} signed you in, but the new session could not be checked. Return to iObeya Token to see why.")
)
