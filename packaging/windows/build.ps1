# Builds swdesk for Windows: the one-folder application (dist\swdesk), its self-check, the
# installer (dist\swdesk-<version>-setup.exe, when Inno Setup's iscc is found) and the
# portable zip. The same steps as packaging/windows/README.md, in one command:
#
#   powershell -ExecutionPolicy Bypass -File packaging\windows\build.ps1
$ErrorActionPreference = "Stop"
Set-Location (Resolve-Path "$PSScriptRoot\..\..")

function Step($what, [scriptblock]$run) {
    Write-Host "[swdesk] $what"
    & $run
    if ($LASTEXITCODE -ne 0) { throw "failed: $what" }
}

if (-not (Test-Path .venv\Scripts\python.exe)) {
    Step "creating .venv" { py -3 -m venv .venv }
}
$py = ".venv\Scripts\python.exe"
Step "installing swdesk and its packages" { & $py -m pip install --quiet -e ".[test]" }
Step "installing PyInstaller" { & $py -m pip install --quiet "pyinstaller>=6.10,<7" }
$version = & $py -c "import tomllib; print(tomllib.load(open('pyproject.toml', 'rb'))['project']['version'])"

Remove-Item -Recurse -Force build\wheel, build\pyinstaller-site -ErrorAction SilentlyContinue
Step "building the wheel" { & $py -m build --wheel --no-isolation --outdir build\wheel . }
$wheel = (Get-ChildItem build\wheel\swdesk-*.whl).FullName
Step "installing the wheel into build\pyinstaller-site" {
    & $py -m pip install --quiet --no-deps --no-index --target build\pyinstaller-site $wheel
}
Step "running PyInstaller" {
    & $py -m PyInstaller --noconfirm --clean --log-level WARN --distpath dist `
        --workpath build\pyinstaller packaging\swdesk.spec
}
$env:QT_QPA_PLATFORM = "offscreen"
Step "self-check of the built program" { & dist\swdesk\swdesk-cli.exe --self-check }
Remove-Item Env:\QT_QPA_PLATFORM

$iscc = Get-Command iscc.exe -ErrorAction SilentlyContinue
if (-not $iscc) {
    $candidate = "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe"
    if (Test-Path $candidate) { $iscc = Get-Item $candidate }
}
if ($iscc) {
    Step "building the installer" { & $iscc.Source "/DAppVersion=$version" packaging\windows\swdesk.iss }
} else {
    Write-Host "[swdesk] Inno Setup (iscc.exe) not found: installer skipped"
}
Step "building the portable zip" { & $py packaging\portable.py dist\swdesk }
Write-Host "[swdesk] done: dist\swdesk, dist\swdesk-$version-setup.exe, dist\swdesk-$version-windows-amd64-portable.zip"
