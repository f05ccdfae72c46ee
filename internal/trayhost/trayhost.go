// Package trayhost says whether the session shows tray items, for the
// window and the tray program alike: without a tray host, an app that
// lives in the tray would be out of reach.
package trayhost
