package clipboard

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"time"
	"unicode/utf16"
	"unsafe"

	"golang.org/x/sys/windows"
)

// Windows' clipboard, driven through user32 directly: `clip` cannot mark
// what it copies, and reading back needed PowerShell, slow and not always
// there.
var (
	user32   = windows.NewLazySystemDLL("user32.dll")
	kernel32 = windows.NewLazySystemDLL("kernel32.dll")

	openClipboard              = user32.NewProc("OpenClipboard")
	closeClipboard             = user32.NewProc("CloseClipboard")
	emptyClipboard             = user32.NewProc("EmptyClipboard")
	setClipboardData           = user32.NewProc("SetClipboardData")
	getClipboardData           = user32.NewProc("GetClipboardData")
	registerClipboardFormat    = user32.NewProc("RegisterClipboardFormatW")
	isClipboardFormatAvailable = user32.NewProc("IsClipboardFormatAvailable")

	globalAlloc   = kernel32.NewProc("GlobalAlloc")
	globalFree    = kernel32.NewProc("GlobalFree")
	globalLock    = kernel32.NewProc("GlobalLock")
	globalUnlock  = kernel32.NewProc("GlobalUnlock")
	lstrlenW      = kernel32.NewProc("lstrlenW")
	rtlMoveMemory = kernel32.NewProc("RtlMoveMemory")
)

const (
	cfUnicodeText = 13
	gmemMoveable  = 0x0002
)

// Marks are the registered formats that keep a copy out of Windows'
// clipboard history (Win+V), out of the cloud clipboard that syncs to the
// user's other devices, and out of clipboard monitors that honour the
// convention (password managers set the same). Each holds a DWORD 0.
var Marks = []string{
	"ExcludeClipboardContentFromMonitorProcessing",
	"CanIncludeInClipboardHistory",
	"CanUploadToCloudClipboard",
}

// native is the Windows clipboard.
func native() Clipboard { return winClipboard{} }

// winClipboard is Windows' clipboard. Every copy carries the Marks, set
// in the same session as the text, so no viewer sees the text unmarked.
type winClipboard struct{}

// openWithin bounds the wait for another program to close the clipboard:
// only one program at a time may have it open.
const openWithin = 2 * time.Second

// open opens the clipboard, trying again while another program holds it,
// until ctx ends. The clipboard is open for one thread: open locks the
// goroutine to its thread, and closeIt, which ends every session, unlocks
// it.
func open(ctx context.Context) error {
	runtime.LockOSThread()
	if err := tryOpen(ctx); err != nil {
		runtime.UnlockOSThread()
		return err
	}
	return nil
}

// closeIt closes the clipboard open by this goroutine.
func closeIt() {
	closeClipboard.Call()
	runtime.UnlockOSThread()
}

func tryOpen(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, openWithin)
	defer cancel()
	delay := 5 * time.Millisecond
	for {
		ok, _, err := openClipboard.Call(0)
		if ok != 0 {
			return nil
		}
		t := time.NewTimer(delay)
		select {
		case <-ctx.Done():
			t.Stop()
			return fmt.Errorf("the clipboard is held by another program: %v", err)
		case <-t.C:
		}
		delay = min(2*delay, 100*time.Millisecond)
	}
}

// Write replaces what the clipboard holds with text and the Marks; an
// empty text only empties it.
func (winClipboard) Write(ctx context.Context, text string) error {
	if err := open(ctx); err != nil {
		return err
	}
	defer closeIt()
	if ok, _, err := emptyClipboard.Call(); ok == 0 {
		return fmt.Errorf("emptying the clipboard: %v", err)
	}
	if text == "" {
		return nil
	}
	for _, name := range Marks {
		format, err := registerFormat(name)
		if err != nil {
			return err
		}
		if err := setData(format, make([]byte, 4)); err != nil { // DWORD 0
			return err
		}
	}
	u := utf16.Encode([]rune(text + "\x00"))
	b := unsafe.Slice((*byte)(unsafe.Pointer(&u[0])), 2*len(u))
	err := setData(cfUnicodeText, b)
	clear(u)
	return err
}

// Read returns the clipboard's text, "" when it holds none.
func (winClipboard) Read(ctx context.Context) (string, error) {
	if err := open(ctx); err != nil {
		return "", err
	}
	defer closeIt()
	if ok, _, _ := isClipboardFormatAvailable.Call(cfUnicodeText); ok == 0 {
		return "", nil
	}
	h, _, err := getClipboardData.Call(cfUnicodeText)
	if h == 0 {
		return "", fmt.Errorf("reading the clipboard: %v", err)
	}
	p, _, err := globalLock.Call(h)
	if p == 0 {
		return "", fmt.Errorf("reading the clipboard: %v", err)
	}
	defer globalUnlock.Call(h)
	n, _, _ := lstrlenW.Call(p)
	if n == 0 {
		return "", nil
	}
	u := make([]uint16, n)
	rtlMoveMemory.Call(uintptr(unsafe.Pointer(&u[0])), p, 2*n)
	return string(utf16.Decode(u)), nil
}

// hasMarks reports whether the clipboard holds every one of the Marks,
// for the tests.
func hasMarks(ctx context.Context) (bool, error) {
	if err := open(ctx); err != nil {
		return false, err
	}
	defer closeIt()
	for _, name := range Marks {
		format, err := registerFormat(name)
		if err != nil {
			return false, err
		}
		if ok, _, _ := isClipboardFormatAvailable.Call(uintptr(format)); ok == 0 {
			return false, nil
		}
	}
	return true, nil
}

func registerFormat(name string) (uint32, error) {
	p, err := windows.UTF16PtrFromString(name)
	if err != nil {
		return 0, err
	}
	format, _, err := registerClipboardFormat.Call(uintptr(unsafe.Pointer(p)))
	if format == 0 {
		return 0, fmt.Errorf("registering the clipboard format %s: %v", name, err)
	}
	return uint32(format), nil
}

// setData hands a copy of data to the open clipboard in format. The
// clipboard owns the memory once SetClipboardData succeeds.
func setData(format uint32, data []byte) error {
	h, _, err := globalAlloc.Call(gmemMoveable, uintptr(len(data)))
	if h == 0 {
		return fmt.Errorf("allocating clipboard memory: %v", err)
	}
	p, _, err := globalLock.Call(h)
	if p == 0 {
		globalFree.Call(h)
		return fmt.Errorf("allocating clipboard memory: %v", err)
	}
	rtlMoveMemory.Call(p, uintptr(unsafe.Pointer(&data[0])), uintptr(len(data)))
	globalUnlock.Call(h)
	if ok, _, err := setClipboardData.Call(uintptr(format), h); ok == 0 {
		globalFree.Call(h)
		return errors.Join(errors.New("putting data on the clipboard"), err)
	}
	return nil
}
