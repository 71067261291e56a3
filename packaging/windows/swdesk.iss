; Inno Setup 6 script: the Windows installer of swdesk, wrapping the PyInstaller folder
; dist\swdesk (bash packaging/build.sh or the steps in packaging/windows/README.md).
;
;   iscc /DAppVersion=0.1.0 packaging\windows\swdesk.iss   ->  dist\swdesk-0.1.0-setup.exe
;
; Per-user install without administrator rights ({localappdata}\Programs\swdesk), a
; Start-menu entry, file associations under HKCU\Software\Classes (double-click on a
; .swdapp / .swdfwd bundle or a .swddec decision runs swdesk.exe "<file>"), and an
; uninstaller that keeps the user's data (%APPDATA%\swdesk, logs in %LOCALAPPDATA%\swdesk)
; unless the user answers Yes to deleting it.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z swdesk.iss (from pyproject.toml)
#endif
#define AppName "swdesk"
#define AppExe "swdesk.exe"
#define Root "..\.."

[Setup]
AppId={{6F3C2B8E-5A41-4C7B-9E2D-3B1F0A9C7D54}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=swdesk developers
VersionInfoVersion={#AppVersion}
PrivilegesRequired=lowest
DefaultDirName={localappdata}\Programs\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
UsePreviousAppDir=yes
OutputDir={#Root}\dist
OutputBaseFilename=swdesk-{#AppVersion}-setup
SetupIconFile={#Root}\resources\icons\swdesk.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName} {#AppVersion}
LicenseFile={#Root}\resources\licenses\Apache-2.0.txt
ChangesAssociations=yes
CloseApplications=yes
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
; Chinese (Simplified) is an unofficial Inno Setup translation: put ChineseSimplified.isl in
; Inno Setup's Languages folder (packaging/windows/README.md) and it is used automatically.
#ifexist "compiler:Languages\ChineseSimplified.isl"
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#endif

[CustomMessages]
english.DeleteData=Also delete your swdesk data (profiles, training records, evidence files, applications and backups) in %1?%n%nChoose No to keep it: a later install of swdesk finds it again.
english.BundleType=swdesk application bundle
english.ForwardType=swdesk forward package
english.DecisionType=swdesk review decision
#ifexist "compiler:Languages\ChineseSimplified.isl"
chinesesimplified.DeleteData=是否同时删除 %1 中的 swdesk 数据（档案、培训记录、证明材料、申请和备份）？%n%n选择“否”则保留数据，以后重新安装 swdesk 时仍可使用。
chinesesimplified.BundleType=swdesk 申请包
chinesesimplified.ForwardType=swdesk 报送包
chinesesimplified.DecisionType=swdesk 审核决定
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; Never the portable marker or a portable data folder: an installed swdesk keeps its data in
; %APPDATA%\swdesk.
Source: "{#Root}\dist\swdesk\*"; DestDir: "{app}"; Excludes: "\swdesk-portable,\data\*"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; Files of an older version that the new one no longer has.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; HKA is HKEY_CURRENT_USER for a per-user install: Software\Classes there needs no admin.
Root: HKA; Subkey: "Software\Classes\.swdapp"; ValueType: string; ValueName: ""; ValueData: "swdesk.application"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.swdapp\OpenWithProgids"; ValueType: string; ValueName: "swdesk.application"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\swdesk.application"; ValueType: string; ValueName: ""; ValueData: "{cm:BundleType}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\swdesk.application\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\swdesk.application\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""

Root: HKA; Subkey: "Software\Classes\.swdfwd"; ValueType: string; ValueName: ""; ValueData: "swdesk.forward"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.swdfwd\OpenWithProgids"; ValueType: string; ValueName: "swdesk.forward"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\swdesk.forward"; ValueType: string; ValueName: ""; ValueData: "{cm:ForwardType}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\swdesk.forward\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\swdesk.forward\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""

Root: HKA; Subkey: "Software\Classes\.swddec"; ValueType: string; ValueName: ""; ValueData: "swdesk.decision"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.swddec\OpenWithProgids"; ValueType: string; ValueName: "swdesk.decision"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\swdesk.decision"; ValueType: string; ValueName: ""; ValueData: "{cm:DecisionType}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\swdesk.decision\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\swdesk.decision\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""

; "Open with" lists swdesk for these types.
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".swdapp"; ValueData: ""; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".swdfwd"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".swddec"; ValueData: ""

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[Code]
// The user's data stays unless the user says otherwise (never in a silent uninstall).
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  DataDir, LogDir: String;
begin
  if CurUninstallStep <> usPostUninstall then
    Exit;
  DataDir := ExpandConstant('{userappdata}\swdesk');
  LogDir := ExpandConstant('{localappdata}\swdesk');
  if UninstallSilent or not DirExists(DataDir) then
    Exit;
  if MsgBox(FmtMessage(CustomMessage('DeleteData'), [DataDir]), mbConfirmation,
            MB_YESNO or MB_DEFBUTTON2) = IDYES then
  begin
    DelTree(DataDir, True, True, True);
    if DirExists(LogDir) then
      DelTree(LogDir, True, True, True);
  end;
end;
