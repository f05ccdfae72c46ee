package client

import "fmt"

// Why an address was refused (AddressError.Code): a stable code a front end
// can word in its own language, with AddressError.Arg as the variable part.
const (
	AddrEmpty         = "empty"
	AddrSpaces        = "spaces"
	AddrUserInfo      = "userinfo"
	AddrScheme        = "scheme"      // Arg: the scheme, quoted
	AddrSlashes       = "slashes"     // Arg: the scheme
	AddrLetter        = "letter"      // Arg: the letter, quoted, and its code point
	AddrCharacter     = "character"   // Arg: the character, quoted, and its code point
	AddrNoHost        = "nohost"      //
	AddrOpenBracket   = "openbracket" //
	AddrAfterBracket  = "afterbracket"
	AddrNotIPv6       = "notipv6" // Arg: the host, quoted
	AddrIPv6Brackets  = "ipv6brackets"
	AddrPort          = "port"
	AddrZone          = "zone"
	AddrHostTooLong   = "hosttoolong"
	AddrEmptyLabel    = "emptylabel"
	AddrLabelTooLong  = "labeltoolong"
	AddrLabelHyphen   = "labelhyphen"
	AddrHostCharacter = "hostcharacter" // Arg: the character, quoted
	AddrNotIP         = "notip"         // Arg: the host, quoted
	AddrIncomplete    = "incomplete"
)

// addressReasons are the English sentences of the codes, for Error().
var addressReasons = map[string]string{
	AddrEmpty:         "it is empty",
	AddrSpaces:        "spaces and special characters are not allowed",
	AddrUserInfo:      "a user name or password does not belong in the address",
	AddrScheme:        "%s: addresses are not supported",
	AddrSlashes:       "expected // after %s:",
	AddrLetter:        "the letter %s is not a plain a–z letter, even if it looks like one; retype the address on the keyboard",
	AddrCharacter:     "the character %s is not allowed in a platform address",
	AddrNoHost:        "the host name is missing",
	AddrOpenBracket:   "a [ is not closed",
	AddrAfterBracket:  "unexpected characters after ]",
	AddrNotIPv6:       "%s is not an IPv6 address",
	AddrIPv6Brackets:  "an IPv6 address must be written in [brackets]",
	AddrPort:          "the port must be a number from 1 to 65535",
	AddrZone:          "zoned IPv6 addresses are not supported",
	AddrHostTooLong:   "the host name is longer than 253 characters",
	AddrEmptyLabel:    "the host name has an empty part between dots",
	AddrLabelTooLong:  "a part of the host name is longer than 63 characters",
	AddrLabelHyphen:   "a part of the host name starts or ends with -",
	AddrHostCharacter: "%s is not allowed in a host name",
	AddrNotIP:         "%s is not an IP address",
	AddrIncomplete:    "the domain is incomplete",
}

// reason is why an address was refused: a code and its variable part.
type reason struct{ code, arg string }

func (r *reason) Error() string {
	s := addressReasons[r.code]
	if r.arg != "" {
		return fmt.Sprintf(s, r.arg)
	}
	return s
}

func refuse(code, arg string) *reason { return &reason{code, arg} }
