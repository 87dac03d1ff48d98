<#
.SYNOPSIS
    Starts installing, in the background, what the tests need beyond the .NET SDK and returns at once:
    the real AWS CLI (Debian's awscli), the NativeAOT toolchains for the package's Linux helpers
    (tools/NativeAotToolchain.psm1), Chromium for the browser login, and qemu-user to run the arm64 helper.
.DESCRIPTION
    Only what is missing, and only where it can (root with apt-get); otherwise the tests that need a
    tool say so and are skipped. One background process installs them one after the other, the first
    needed first, and writes <name>.status ('installed' or why not) into -StatusDirectory as each ends;
    tests/Pester/TestSupport/Prerequisites.psm1 waits for a status through CASAWS_PREREQUISITES_DIR,
    which this script sets. apt-get's own lock keeps it apart from any other apt-get on the machine.
.PARAMETER StatusDirectory
    Where the status files and the installer's log go: inside the repository's artifacts/.
.PARAMETER Worker
    Internal: be the background installer.
#>
param(
    [Parameter(Mandatory)] [string] $StatusDirectory,
    [switch] $Worker
)
$ErrorActionPreference = 'Stop'

# name -> the command whose presence means it is installed, and Debian's packages for it. Debian's
# /usr/bin/aws is the AWS CLI the tests are written against; another 'aws' on PATH (a pip install,
# say) may be a different major version.
Import-Module (Join-Path $PSScriptRoot '../tools/NativeAotToolchain.psm1') -Force
$thisRuntime = & (Join-Path $PSScriptRoot '../tools/Get-RuntimeIdentifier.ps1')
$linuxRuntimes = 'linux-x64', 'linux-arm64'
$prerequisites = [ordered]@{
    awscli    = @{ Present = { Test-Path /usr/bin/aws }; Packages = @('awscli') }
    nativeaot = @{
        Present  = { -not @($linuxRuntimes | Where-Object { (Get-NativeAotPackage $_ $thisRuntime) -and -not (Test-NativeAotToolchain $_ $thisRuntime) }) }
        Packages = @($linuxRuntimes | ForEach-Object { Get-NativeAotPackage $_ $thisRuntime } | Select-Object -Unique)
    }
    chromium  = @{ Present = { [bool] (Get-Command chromium, chromium-browser -CommandType Application -ErrorAction Ignore) }; Packages = @('chromium') }
}
# The package's linux-arm64 helper is run once under user-mode emulation (Package.Tests.ps1), with the
# arm64 C library the NativeAOT cross build installed.
if ($thisRuntime -eq 'linux-x64') {
    $prerequisites.qemu = @{ Present = { Test-Path /usr/bin/qemu-aarch64-static }; Packages = @('qemu-user-static') }
}

function Set-PrerequisiteStatus([string] $Name, [string] $Status) {
    Set-Content -LiteralPath (Join-Path $StatusDirectory "$Name.status") -Value $Status
}

if ($Worker) {
    $env:DEBIAN_FRONTEND = 'noninteractive'
    $lock = @('-o', 'DPkg::Lock::Timeout=600')
    $updated = $false
    foreach ($name in $prerequisites.Keys) {
        $item = $prerequisites[$name]
        if (-not (& $item.Present)) {
            $install = @('install', '-y', '-qq', '--no-install-recommends') + $lock + $item.Packages
            & apt-get @install 2>&1 | Out-Host
            if ($LASTEXITCODE -ne 0 -and -not $updated) {
                # A fresh machine may have no package lists yet.
                & apt-get update -qq @lock 2>&1 | Out-Host
                $updated = $true
                & apt-get @install 2>&1 | Out-Host
            }
        }
        Set-PrerequisiteStatus $name $(if (& $item.Present) { 'installed' } else { "apt-get install $($item.Packages -join ' ') did not install it; see $StatusDirectory/installer.log" })
    }
    return
}

if (Test-Path -LiteralPath $StatusDirectory) { Remove-Item -LiteralPath $StatusDirectory -Recurse -Force }
New-Item -ItemType Directory -Path $StatusDirectory | Out-Null
$env:CASAWS_PREREQUISITES_DIR = $StatusDirectory
$missing = @($prerequisites.Keys | Where-Object { -not (& $prerequisites[$_].Present) })
foreach ($name in $prerequisites.Keys) { if ($name -notin $missing) { Set-PrerequisiteStatus $name 'installed' } }
if (-not $missing) { return }
$canApt = $IsLinux -and (Get-Command apt-get -CommandType Application -ErrorAction Ignore) -and ((& id -u) -eq '0')
if (-not $canApt) {
    foreach ($name in $missing) { Set-PrerequisiteStatus $name "not installed, and this machine cannot install it (root with apt-get): install $($prerequisites[$name].Packages -join ' ') to run the tests that need it" }
    return
}
Write-Host "Installing $($missing -join ', ') in the background for the tests (log: $StatusDirectory/installer.log)"
$pwsh = [System.Diagnostics.Process]::GetCurrentProcess().MainModule.FileName
$arguments = @()
if ([System.IO.Path]::GetFileNameWithoutExtension($pwsh) -eq 'dotnet') { $arguments += (Join-Path $PSHOME 'pwsh.dll') }
$arguments += @('-NoProfile', '-NonInteractive', '-File', $PSCommandPath, '-StatusDirectory', $StatusDirectory, '-Worker')
$arguments = $arguments | ForEach-Object { if ($_ -match '\s') { "`"$_`"" } else { $_ } }   # Start-Process joins them with spaces
$installer = Start-Process -FilePath $pwsh -ArgumentList $arguments -PassThru -RedirectStandardOutput (Join-Path $StatusDirectory 'installer.log') `
    -RedirectStandardError (Join-Path $StatusDirectory 'installer.err')
Set-Content -LiteralPath (Join-Path $StatusDirectory 'installer.pid') -Value $installer.Id
