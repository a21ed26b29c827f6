; Timo's per-user Windows installer (Inno Setup 6). Built by packaging/build.py:
;   ISCC /DAppVersion=1.2.4.dev3+g1a2b /DAppNumericVersion=1.2.4.0 /DSourceDir=dist\timo /DOutputDir=dist /DOutputName=... timo.iss
; Installs into %LOCALAPPDATA%\Programs\Timo without administrator rights.
; Uninstalling removes the program only: entries, settings and logs in
; %LOCALAPPDATA%\Timo\Timo stay, so a reinstall picks up where it left off.

#ifndef AppVersion
  #error Pass the version: ISCC /DAppVersion=X.Y.Z timo.iss
#endif
#ifndef AppNumericVersion
  #error Pass the numeric version too: ISCC /DAppNumericVersion=X.Y.Z.0 timo.iss
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\timo"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\dist"
#endif
#ifndef OutputName
  #define OutputName "Timo-" + AppVersion + "-windows-setup"
#endif

[Setup]
; AppId identifies Timo for upgrades and uninstall; never change it.
AppId={{6F1E2C3A-5B7D-4E8F-9A0B-1C2D3E4F5A6B}
AppName=Timo
AppVersion={#AppVersion}
AppVerName=Timo {#AppVersion}
AppPublisher=Vmoox
VersionInfoVersion={#AppNumericVersion}
VersionInfoProductName=Timo
VersionInfoDescription=Timo setup
DefaultDirName={localappdata}\Programs\Timo
DefaultGroupName=Timo
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir={#OutputDir}
OutputBaseFilename={#OutputName}
SetupIconFile=timo.ico
UninstallDisplayIcon={app}\timow.exe
UninstallDisplayName=Timo
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
; Closes a running Timo before files are replaced or removed.
CloseApplications=yes
RestartApplications=no

[Tasks]
Name: "startatlogin"; Description: "Start Timo in the tray when I sign in"; GroupDescription: "Start-up:"
Name: "desktopicon"; Description: "Create a desktop shortcut"; GroupDescription: "Shortcuts:"; Flags: unchecked

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\Timo"; Filename: "{app}\timow.exe"
Name: "{autodesktop}\Timo"; Filename: "{app}\timow.exe"; Tasks: desktopicon

[Registry]
; The same value Timo's Settings → "Start at login" writes, so either place can turn it off.
Root: HKCU; Subkey: "Software\Microsoft\Windows\CurrentVersion\Run"; ValueType: string; \
  ValueName: "Timo"; ValueData: """{app}\timow.exe"" --background"; \
  Flags: uninsdeletevalue; Tasks: startatlogin
; Turned off in Task Manager earlier, Timo would not start from the Run value alone:
; that mark goes, as when Settings turns start at login on.
Root: HKCU; Subkey: "Software\Microsoft\Windows\CurrentVersion\Explorer\StartupApproved\Run"; \
  ValueType: none; ValueName: "Timo"; Flags: deletevalue dontcreatekey; Tasks: startatlogin

[Run]
Filename: "{app}\timow.exe"; Description: "Start Timo now"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only what the installer put in {app}; the data folder is never listed here.
Type: dirifempty; Name: "{app}"

[Code]
// Settings can turn on start at login without the installer's task, so the
// Run value is removed on uninstall whichever way it was set, with the mark
// Task Manager's Startup tab keeps for it.
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if CurUninstallStep = usPostUninstall then
  begin
    RegDeleteValue(HKEY_CURRENT_USER, 'Software\Microsoft\Windows\CurrentVersion\Run', 'Timo');
    RegDeleteValue(HKEY_CURRENT_USER,
      'Software\Microsoft\Windows\CurrentVersion\Explorer\StartupApproved\Run', 'Timo');
  end;
end;
