package words

import (
	"strings"

	"github.com/nicksnyder/go-i18n/v2/i18n"
)

// formatWords are the words of one copy format: its label in menus, its
// name in a sentence ("Copied the token only"), and its description in
// the command line's help.
type formatWords struct{ label, what, describe *i18n.Message }

// The copy formats, by the names the command line takes (companion.Format).
var formatsByName = map[string]formatWords{
	"bearer": {
		msg("FormatBearerLabel", "Copy for Power Automate"),
		msg("FormatBearerWhat", "the Bearer header value"),
		msg("FormatBearerDescription", "Bearer <token>: the header value for Power Automate"),
	},
	"header": {
		msg("FormatHeaderLabel", "Authorization line (Authorization: Bearer …)"),
		msg("FormatHeaderWhat", "the Authorization line"),
		msg("FormatHeaderDescription", "Authorization: Bearer <token>: the whole header line"),
	},
	"token": {
		msg("FormatTokenLabel", "Token only"),
		msg("FormatTokenWhat", "the token only"),
		msg("FormatTokenDescription", "the token alone"),
	},
	"powerautomate": {
		msg("FormatPowerAutomateLabel", "Headers as JSON"),
		msg("FormatPowerAutomateWhat", "the headers as JSON"),
		msg("FormatPowerAutomateDescription", `{"Authorization": "Bearer <token>"}: headers JSON of Power Automate's HTTP action`),
	},
}

var listOr = msg("ListOr", "{{.Items}} or {{.Last}}")

// FormatLabel is a copy format's label in menus: "Token only".
func (w *Words) FormatLabel(format string) string {
	if f, ok := formatsByName[format]; ok {
		return w.Say(f.label, nil)
	}
	return format
}

// FormatWhat names a copy format in a sentence: "the Authorization line".
func (w *Words) FormatWhat(format string) string {
	if f, ok := formatsByName[format]; ok {
		return w.Say(f.what, nil)
	}
	return format
}

// FormatDescription says in a few words what a copy format is for.
func (w *Words) FormatDescription(format string) string {
	if f, ok := formatsByName[format]; ok {
		return w.Say(f.describe, nil)
	}
	return ""
}

// Or lists choices: "bearer, header, token or powerautomate".
func (w *Words) Or(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	last := len(items) - 1
	return w.Say(listOr, Args{"Items": strings.Join(items[:last], ", "), "Last": items[last]})
}
