; The per-user installer (NSIS): no administrator rights, installs into
; %LOCALAPPDATA%\Programs\NAME, a Start-menu entry, an uninstaller listed in
; the user's "Installed apps", and the folder on the user's PATH so that
; `iobeya-token` works in a new cmd or PowerShell. /S installs (and the
; uninstaller's /S uninstalls) silently. Uninstalling leaves the token and
; the sign-in in Windows Credential Manager, as the .deb leaves them in the
; keychain: `iobeya-token logout` and `revoke` remove them.
;
; packaging/windows/package.sh builds it; makensis gets these defines:
;   NAME ID VERSION WINVERSION WEBSITE  from FyneApp.toml (packaging/stamp)
;   BIN_DIR  the folder with iobeya-token.exe, .com and iobeya-token-tray.exe
;   LICENSES the Go modules' licenses (LICENSES.txt)
;   ICON     the .ico;  OUTFILE  the installer to write
;   SIGN     a command that signs the file given to it (only when signing)

Unicode true
Target amd64-unicode
ManifestDPIAware true
ManifestSupportedOS Win10
RequestExecutionLevel user
; One solid LZMA stream with a dictionary larger than a program: the
; console twin is the window's program but for a few bytes, so it costs
; almost nothing (an 8 MB setup instead of 17 MB; 32 MB to unpack).
SetCompressor /SOLID lzma
SetCompressorDictSize 32
; A file in use (the program still running) asks to Retry, never skips.
AllowSkipFiles off

!include MUI2.nsh
!include LogicLib.nsh
!include StrFunc.nsh
!include WinMessages.nsh

${StrStr}
${UnStrRep}

!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${ID}"
; internal/autostart's login entry (its Name is FyneApp.toml's, which the
; packaging test checks): it would start a program that is gone.
!define RUN_KEY "Software\Microsoft\Windows\CurrentVersion\Run"
!define APPROVED_KEY "Software\Microsoft\Windows\CurrentVersion\Explorer\StartupApproved\Run"
; NSIS strings hold 1024 characters: a longer PATH would be cut short when
; written back, so the installer leaves such a PATH alone and says so.
!define PATH_MAX 1000

Name "${NAME}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${NAME}"
InstallDirRegKey HKCU "${UNINSTALL_KEY}" "InstallLocation"
BrandingText "${NAME} ${VERSION}"

VIProductVersion "${WINVERSION}"
VIFileVersion "${WINVERSION}"
VIAddVersionKey "ProductName" "${NAME}"
VIAddVersionKey "FileDescription" "${NAME} installer"
VIAddVersionKey "FileVersion" "${VERSION}"
VIAddVersionKey "ProductVersion" "${VERSION}"
VIAddVersionKey "CompanyName" "The ${NAME} authors"
VIAddVersionKey "LegalCopyright" "The ${NAME} authors"

!ifdef SIGN
!finalize '${SIGN} "%1"' = 0
!uninstfinalize '${SIGN} "%1"' = 0
!endif

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_FINISHPAGE_RUN "$INSTDIR\iobeya-token.exe"
!define MUI_FINISHPAGE_RUN_TEXT "Start ${NAME}"
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!define MUI_UNCONFIRMPAGE_TEXT_TOP "${NAME} will be removed from this computer. Your token and your sign-in stay in Windows Credential Manager: to remove them, run $\"iobeya-token logout$\" and $\"iobeya-token revoke$\" before uninstalling."
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "English"

Section
  SetOutPath "$INSTDIR"
  File "${BIN_DIR}/iobeya-token.exe"
  File "${BIN_DIR}/iobeya-token.com"
  File "${BIN_DIR}/iobeya-token-tray.exe"
  File "/oname=LICENSES.txt" "${LICENSES}"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortcut "$SMPROGRAMS\${NAME}.lnk" "$INSTDIR\iobeya-token.exe" "" "$INSTDIR\iobeya-token.exe" 0

  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${NAME}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "The ${NAME} authors"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "URLInfoAbout" "${WEBSITE}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\iobeya-token.exe,0"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  SectionGetSize 0 $0
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" $0

  Call AddToPath
SectionEnd

; AddToPath puts $INSTDIR at the end of the user's PATH, once.
Function AddToPath
  ClearErrors
  ReadRegStr $0 HKCU "Environment" "Path"
  StrLen $1 $0
  ${If} $1 > ${PATH_MAX}
    DetailPrint "Your PATH is too long to change safely: add $INSTDIR to it yourself to use iobeya-token from cmd or PowerShell."
    MessageBox MB_OK|MB_ICONINFORMATION "Your PATH is too long to change safely.$\r$\nTo use iobeya-token from cmd or PowerShell, add this folder to it yourself:$\r$\n$INSTDIR" /SD IDOK
    Return
  ${EndIf}
  ${StrStr} $2 ";$0;" ";$INSTDIR;"
  ${If} $2 != ""
    Return
  ${EndIf}
  ${If} $0 == ""
    StrCpy $0 "$INSTDIR"
  ${Else}
    StrCpy $0 "$0;$INSTDIR"
  ${EndIf}
  WriteRegExpandStr HKCU "Environment" "Path" "$0"
  ; New cmd and PowerShell windows started from Explorer see it now.
  SendMessage ${HWND_BROADCAST} ${WM_SETTINGCHANGE} 0 "STR:Environment" /TIMEOUT=5000
FunctionEnd

Section "Uninstall"
  Delete "$INSTDIR\iobeya-token.exe"
  Delete "$INSTDIR\iobeya-token.com"
  Delete "$INSTDIR\iobeya-token-tray.exe"
  Delete "$INSTDIR\LICENSES.txt"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  ${If} ${FileExists} "$INSTDIR\iobeya-token.exe"
  ${OrIf} ${FileExists} "$INSTDIR\iobeya-token.com"
  ${OrIf} ${FileExists} "$INSTDIR\iobeya-token-tray.exe"
    MessageBox MB_OK|MB_ICONEXCLAMATION "Some of ${NAME}'s files are in use. Quit ${NAME} (in the tray: Quit) and run the uninstaller again." /SD IDOK
    SetErrorLevel 1
    Abort
  ${EndIf}
  Delete "$SMPROGRAMS\${NAME}.lnk"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  DeleteRegValue HKCU "${RUN_KEY}" "${NAME}"
  DeleteRegValue HKCU "${APPROVED_KEY}" "${NAME}"
  Call un.RemoveFromPath
SectionEnd

; un.RemoveFromPath takes $INSTDIR out of the user's PATH again.
Function un.RemoveFromPath
  ClearErrors
  ReadRegStr $0 HKCU "Environment" "Path"
  ${If} ${Errors}
    Return
  ${EndIf}
  StrLen $1 $0
  ${If} $1 > ${PATH_MAX}
    DetailPrint "Your PATH is too long to change safely: remove $INSTDIR from it yourself."
    Return
  ${EndIf}
  ${UnStrRep} $2 ";$0;" ";$INSTDIR;" ";"
  ; Without the two semicolons added around it.
  StrCpy $2 $2 "" 1
  StrCpy $2 $2 -1
  ${If} $2 == $0
    Return
  ${ElseIf} $2 == ""
    DeleteRegValue HKCU "Environment" "Path"
  ${Else}
    WriteRegExpandStr HKCU "Environment" "Path" "$2"
  ${EndIf}
  SendMessage ${HWND_BROADCAST} ${WM_SETTINGCHANGE} 0 "STR:Environment" /TIMEOUT=5000
FunctionEnd
