package words

// Why a platform address was refused, by the client package's codes
// (client.AddrEmpty…); {{.Arg}} is the code's variable part.
var addressReasons = map[string]*Message{
	"empty":         msg("AddressEmpty", "it is empty"),
	"spaces":        msg("AddressSpaces", "spaces and special characters are not allowed"),
	"userinfo":      msg("AddressUserInfo", "a user name or password does not belong in the address"),
	"scheme":        msg("AddressScheme", "{{.Arg}}: addresses are not supported"),
	"slashes":       msg("AddressSlashes", "expected // after {{.Arg}}:"),
	"letter":        msg("AddressLetter", "the letter {{.Arg}} is not a plain a–z letter, even if it looks like one; retype the address on the keyboard"),
	"character":     msg("AddressCharacter", "the character {{.Arg}} is not allowed in a platform address"),
	"nohost":        msg("AddressNoHost", "the host name is missing"),
	"openbracket":   msg("AddressOpenBracket", "a [ is not closed"),
	"afterbracket":  msg("AddressAfterBracket", "unexpected characters after ]"),
	"notipv6":       msg("AddressNotIPv6", "{{.Arg}} is not an IPv6 address"),
	"ipv6brackets":  msg("AddressIPv6Brackets", "an IPv6 address must be written in [brackets]"),
	"port":          msg("AddressPort", "the port must be a number from 1 to 65535"),
	"zone":          msg("AddressZone", "zoned IPv6 addresses are not supported"),
	"hosttoolong":   msg("AddressHostTooLong", "the host name is longer than 253 characters"),
	"emptylabel":    msg("AddressEmptyLabel", "the host name has an empty part between dots"),
	"labeltoolong":  msg("AddressLabelTooLong", "a part of the host name is longer than 63 characters"),
	"labelhyphen":   msg("AddressLabelHyphen", "a part of the host name starts or ends with -"),
	"hostcharacter": msg("AddressHostCharacter", "{{.Arg}} is not allowed in a host name"),
	"notip":         msg("AddressNotIP", "{{.Arg}} is not an IP address"),
	"incomplete":    msg("AddressIncomplete", "the domain is incomplete"),
}

// AddressReason says why an address was refused, from the client
// package's code and its variable part; a code it does not know keeps the
// client's own English reason.
func (w *Words) AddressReason(code, arg, reason string) string {
	if m := addressReasons[code]; m != nil {
		return w.Say(m, Args{"Arg": arg})
	}
	return reason
}
