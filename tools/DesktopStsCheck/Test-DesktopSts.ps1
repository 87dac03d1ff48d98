<#
.SYNOPSIS
    Checks the Windows PowerShell 5.1 (desktop) STS path as far as Linux allows: on Mono (a .NET Framework
    4.x runtime), loads artifacts/CasAws/desktop/CasAws.Cmdlets.dll (netstandard2.0) and, through
    StsBridgeLoader, desktop/sts/CasAws.Sts.dll (net472) with the SDK's net472 build, by path as Windows
    PowerShell would, and calls GetCallerIdentity against the emulator's STS: alone, after a foreign
    AWSSDK.Core 3.7 (assembly 3.3.0.0: side by side) and after an older 4.0.x (assembly 4.0.0.0: refused
    with advice, since equal versions unify on .NET Framework).
.DESCRIPTION
    Needs Mono ('apt-get install mono-complete'), a built tree (build.ps1 build) and the AWSSDK.Core
    packages tests/Unit downloads. Not part of build.ps1 test: Mono is not a test prerequisite, and Mono
    is not Windows PowerShell (its binder and its System.Net.Http differ), so this narrows what is
    unverified rather than proving 5.1.
#>
param([string] $Root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path)
$ErrorActionPreference = 'Stop'
foreach ($tool in 'mono', 'mcs') {
    if (-not (Get-Command $tool -ErrorAction SilentlyContinue)) { throw "$tool is not installed: apt-get install mono-complete" }
}
$env:CASAWS_REPO_ROOT = $Root
Import-Module (Join-Path $Root 'tests/Pester/TestSupport/Emulator.psm1') -Force
$work = Join-Path ([System.IO.Path]::GetTempPath()) ("casaws-desktop-" + [guid]::NewGuid().ToString('N'))
New-Item -ItemType Directory -Path $work | Out-Null
$exe = Join-Path $work 'DesktopStsCheck.exe'
& mcs -nologo "-out:$exe" (Join-Path $PSScriptRoot 'DesktopStsCheck.cs')
if ($LASTEXITCODE -ne 0) { throw 'mcs failed' }

$packages = ((& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', '').Trim()
$desktop = Join-Path $Root 'artifacts/CasAws/desktop'
$emulator = Start-CasAwsEmulator
$failures = 0
try {
    $user = (Get-CasAwsEmulatorSampleConfig).sts.iamUsers | Where-Object userName -EQ 'cli/cli-user'
    $cases = @(
        @{ Name = 'alone'; Foreign = $null; Expect = 'casaws: arn:aws:iam::123456789012:user/cli/cli-user' }
        @{ Name = 'after AWSSDK.Core 3.7.402 (3.3.0.0)'; Foreign = Join-Path $packages 'awssdk.core/3.7.402/lib/net45/AWSSDK.Core.dll'; Expect = 'foreign after: AKIAFOREIGNCOPY00001' }
        @{ Name = 'after AWSSDK.Core 4.0.3.3 (4.0.0.0)'; Foreign = Join-Path $packages 'awssdk.core/4.0.3.3/lib/net472/AWSSDK.Core.dll'; Expect = 'older than the' }
    )
    foreach ($case in $cases) {
        $arguments = @($exe, $desktop, $emulator.StsUrlHttp, $user.accessKeyId, $user.secretAccessKey)
        if ($case.Foreign) { $arguments += $case.Foreign }
        $output = (& mono @arguments 2>&1) -join "`n"
        $ok = $output.Contains($case.Expect)
        if (-not $ok) { $failures++ }
        Write-Host ("{0}: {1}" -f $case.Name, $(if ($ok) { 'as expected' } else { "UNEXPECTED`n$output" }))
    }
} finally {
    Stop-CasAwsEmulator $emulator
    Remove-Item -LiteralPath $work -Recurse -Force
}
exit $failures
