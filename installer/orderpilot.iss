; Inno Setup script: packs dist\OrderPilot (built by orderpilot.spec) into OrderPilot-Setup.exe.
; Per-user install, no admin rights needed; the embedded database lives in %LOCALAPPDATA%\OrderPilot.
#define AppVersion "0.1.0"

[Setup]
AppId={{6E1B0C7A-4D2B-4C55-9B1E-0A7F3C9D2E11}
AppName=OrderPilot
AppVersion={#AppVersion}
AppPublisher=OrderPilot
DefaultDirName={localappdata}\Programs\OrderPilot
DefaultGroupName=OrderPilot
PrivilegesRequired=lowest
OutputBaseFilename=OrderPilot-Setup-{#AppVersion}
Compression=lzma2
SolidCompression=yes
ShowLanguageDialog=auto

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "zh"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"

[Files]
Source: "..\dist\OrderPilot\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion

[Icons]
Name: "{group}\OrderPilot"; Filename: "{app}\OrderPilot.exe"
Name: "{userdesktop}\OrderPilot"; Filename: "{app}\OrderPilot.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Run]
Filename: "{app}\OrderPilot.exe"; Description: "{cm:LaunchProgram,OrderPilot}"; Flags: nowait postinstall skipifsilent
