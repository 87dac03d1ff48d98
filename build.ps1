#!/usr/bin/env pwsh
<#
.SYNOPSIS
    Builds, tests and demonstrates CasAws.
.DESCRIPTION
    Run it through the repository's pinned PowerShell, so a machine needs only the .NET SDK:

        dotnet tool restore && dotnet pwsh ./build.ps1 demo
        dotnet tool restore && dotnet pwsh ./build.ps1 test

    Tasks:
      build     Compiles everything and lays out the importable module at artifacts/CasAws/.
      package   Builds, then writes artifacts/package/CasAws.<version>.nupkg with the helper for every
                platform (tools/Build-Package.ps1); publish it with Publish-PSResource -NupkgPath. Beside it,
                artifacts/package/dotnet-tool/CasAws.Emulator.<version>.nupkg: the emulator as a .NET tool
                (dotnet tool install --global CasAws.Emulator --add-source artifacts/package/dotnet-tool).
      test      Builds, then runs every xunit and Pester test side by side (tests/Invoke-AllTests.ps1); ends
                with each stage's seconds and 'N passed, N failed, N skipped'.
      demo      Builds, starts the CAS emulator, runs a narrated session against it, stops it.
      emulator  Builds and runs the CAS + Duo + STS emulator in the foreground (-Port, -Config).
      bench     Builds and runs the benchmark scripts under benchmarks/.
.PARAMETER Port
    emulator: the HTTPS port to listen on (0 or omitted: a free port). HTTP listens on another free port.
.PARAMETER Config
    emulator: the JSON configuration file (default: tools/CasAws.Emulator/emulator.sample.json).
.PARAMETER NativeAotHelper
    build: compile the credential_process helper with NativeAOT (about 3 ms per call instead of about
    35 ms; needs clang on Linux/macOS or the C++ build tools on Windows). Without it the helper is
    published self-contained, trimmed and ReadyToRun, which needs only the .NET SDK.
.PARAMETER Filter
    test: run only Pester files and xunit tests whose names contain this text.
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0)]
    [ValidateSet('build', 'package', 'test', 'demo', 'emulator', 'bench')]
    [string] $Task = 'build',
    [int] $Port = 0,
    [string] $Config,
    [string] $Filter,
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',
    [switch] $NativeAotHelper
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$root = $PSScriptRoot
$artifacts = Join-Path $root 'artifacts'
$moduleOut = Join-Path $artifacts 'CasAws'

function Invoke-Native {
    param([string] $File, [string[]] $Arguments)
    & $File @Arguments
    if ($LASTEXITCODE -ne 0) { throw "'$File $($Arguments -join ' ')' failed with exit code $LASTEXITCODE." }
}

function Invoke-Build {
    Write-Host "== build ($Configuration)" -ForegroundColor Cyan
    Invoke-Native dotnet @('build', (Join-Path $root 'CasAws.sln'), '-c', $Configuration, '-nologo', '-clp:ErrorsOnly;Summary', '-v', 'quiet')
    $nativeAot = if ($NativeAotHelper) { @(& (Join-Path $root 'tools/Get-RuntimeIdentifier.ps1')) } else { @() }
    & (Join-Path $root 'tools/Build-ModuleLayout.ps1') -Root $root -Configuration $Configuration -Destination $moduleOut -NativeAotRuntimes $nativeAot
    Write-Host "module: $(Join-Path $moduleOut 'CasAws.psd1')"
}

function Invoke-Package {
    Invoke-Build
    Write-Host '== package' -ForegroundColor Cyan
    & (Join-Path $root 'tools/Build-Package.ps1') -Root $root -Configuration $Configuration -Destination (Join-Path $artifacts 'package')
}

function Get-EmulatorPath {
    Join-Path $root "tools/CasAws.Emulator/bin/$Configuration/net10.0/CasAws.Emulator.dll"
}

function Invoke-Test {
    # The build is the test command's first stage, so that what does not need it starts beside it.
    & (Join-Path $root 'tests/Invoke-AllTests.ps1') -Root $root -Configuration $Configuration -Filter $Filter -Build
    exit $LASTEXITCODE
}

function Invoke-Emulator {
    Invoke-Build
    $arguments = @((Get-EmulatorPath), '--https-port', "$Port")
    if ($Config) { $arguments += @('--config', (Resolve-Path $Config).Path) }
    # Foreground: Ctrl+C reaches the emulator, which stops cleanly.
    & dotnet @arguments
    exit $LASTEXITCODE
}

function Invoke-Demo {
    Invoke-Build
    & (Join-Path $root 'tools/Demo.ps1') -Root $root -EmulatorPath (Get-EmulatorPath) -ModulePath (Join-Path $moduleOut 'CasAws.psd1')
    exit $LASTEXITCODE
}

function Invoke-Bench {
    Invoke-Build
    foreach ($script in Get-ChildItem (Join-Path $root 'benchmarks') -Filter '*.ps1' | Sort-Object Name) {
        Write-Host "== $($script.Name)" -ForegroundColor Cyan
        & $script.FullName -Root $root -Configuration $Configuration
    }
}

switch ($Task) {
    'build' { Invoke-Build }
    'package' { Invoke-Package }
    'test' { Invoke-Test }
    'demo' { Invoke-Demo }
    'emulator' { Invoke-Emulator }
    'bench' { Invoke-Bench }
}
