package words

import (
	"strconv"
	"time"

	"github.com/nicksnyder/go-i18n/v2/i18n"
)

// The words of durations, relative times and dates.
var (
	durationDays    = plural("DurationDays", "{{.Count}} day", "{{.Count}} days")
	durationHours   = plural("DurationHours", "{{.Count}} hour", "{{.Count}} hours")
	durationMinutes = plural("DurationMinutes", "{{.Count}} minute", "{{.Count}} minutes")
	durationSeconds = plural("DurationSeconds", "{{.Count}} second", "{{.Count}} seconds")
	durationUnder   = msg("DurationUnderAMinute", "less than a minute")
	relativeIn      = msg("RelativeIn", "in {{.Duration}}")
	relativeAgo     = msg("RelativeAgo", "{{.Duration}} ago")
	relativeJustNow = msg("RelativeJustNow", "just now")
	dateLayout      = msg("Date", "{{.Day}} {{.Month}} {{.Year}}")
	dateFirstDay    = msg("DateFirstDay", "1") // the first of a month: French writes "1er"
	monthNames      = [12]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
	months          = func() (ms [12]*i18n.Message) {
		for i, name := range monthNames {
			ms[i] = msg("Month"+name, name)
		}
		return ms
	}()
)

const day = 24 * time.Hour

// Span puts d in words in its largest whole unit (days, hours, minutes),
// rounded to the nearest when nearest is set and down otherwise, and
// returns the unit it counts in (0 below a minute) so a caller can tell
// when the words will change. Rounded up to a whole larger unit, the larger
// unit's name is used ("1 day" for 23 hours 40 minutes). It is the one
// place durations become words.
func (w *Words) Span(d time.Duration, nearest bool) (string, time.Duration) {
	var unit time.Duration
	switch {
	case d >= day:
		unit = day
	case d >= time.Hour:
		unit = time.Hour
	case d >= time.Minute:
		unit = time.Minute
	default:
		return w.Say(durationUnder, nil), 0
	}
	n := int(d / unit)
	if nearest {
		n = int((d + unit/2) / unit)
		// Rounded up to a whole larger unit: say "1 day", not "24 hours".
		switch {
		case unit == time.Hour && n == 24:
			return w.Count(durationDays, 1, nil), unit
		case unit == time.Minute && n == 60:
			return w.Count(durationHours, 1, nil), unit
		}
	}
	switch unit {
	case day:
		return w.Count(durationDays, n, nil), unit
	case time.Hour:
		return w.Count(durationHours, n, nil), unit
	}
	return w.Count(durationMinutes, n, nil), unit
}

// InWords says a duration the way people do: "197 days", "1 day",
// "5 hours", "1 minute", "less than a minute". Whole units, rounded down:
// the right reading for time gone by ("checked 5 minutes ago").
func (w *Words) InWords(d time.Duration) string {
	s, _ := w.Span(d, false)
	return s
}

// Until says how far ahead a moment is, rounded to the nearest whole unit:
// a token generated just now with 90 days to live expires "in 90 days",
// not in 89 days and 23 hours' worth of "89 days".
func (w *Words) Until(d time.Duration) string {
	s, _ := w.Span(d, true)
	return s
}

// Delay says a delay the user chose, down to the second: "20 seconds",
// "3 minutes".
func (w *Words) Delay(d time.Duration) string {
	if d < time.Minute {
		return w.Count(durationSeconds, int(d.Round(time.Second)/time.Second), nil)
	}
	return w.InWords(d)
}

// Relative says how far ahead t is ("in 197 days") or how long ago it was
// ("3 days ago").
func (w *Words) Relative(t, now time.Time) string {
	if d := t.Sub(now); d > 0 {
		return w.Say(relativeIn, Args{"Duration": w.Until(d)})
	}
	return w.Say(relativeAgo, Args{"Duration": w.InWords(now.Sub(t))})
}

// Ago says how long ago t was: "just now" within the minute, "5 minutes ago".
func (w *Words) Ago(t, now time.Time) string {
	if e := now.Sub(t); e >= time.Minute {
		return w.Say(relativeAgo, Args{"Duration": w.InWords(e)})
	}
	return w.Say(relativeJustNow, nil)
}

// Date is a calendar date in the clock's time zone: "12 June 2027",
// "25 février 2027", "1er mars 2027".
func (w *Words) Date(t, now time.Time) string {
	t = t.In(now.Location())
	month := w.Say(months[t.Month()-1], nil)
	day := strconv.Itoa(t.Day())
	if t.Day() == 1 {
		day = w.Say(dateFirstDay, nil)
	}
	return w.Say(dateLayout, Args{"Day": day, "Month": month, "Year": t.Year()})
}
