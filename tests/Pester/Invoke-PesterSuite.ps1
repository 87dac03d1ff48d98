<#
.SYNOPSIS
    Runs the Pester suite with Pester 5 from the NuGet package cache and writes a JSON summary.
#>
param(
    [Parameter(Mandatory)] [string] $Root,
    [Parameter(Mandatory)] [string] $SummaryPath,
    [string] $Filter
)
$ErrorActionPreference = 'Stop'
$version = '5.7.1'
$packages = (& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', ''
$pesterManifest = Join-Path $packages.Trim() "pester/$version/tools/Pester.psd1"
if (-not (Test-Path $pesterManifest)) {
    throw "Pester $version was not found at '$pesterManifest'. Run 'dotnet restore' (tests/Unit downloads it)."
}
Import-Module $pesterManifest -Force

$config = New-PesterConfiguration
$config.Run.Path = $PSScriptRoot
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Normal'
if ($Filter) {
    # As build.ps1 documents: the test files whose names contain the text (e.g. Cmdlets.Offline);
    # when no file name does, the tests whose names do.
    $files = @(Get-ChildItem -LiteralPath $PSScriptRoot -Filter '*.Tests.ps1' | Where-Object { $_.Name.Contains($Filter, [StringComparison]::OrdinalIgnoreCase) })
    if ($files.Count -gt 0) {
        $config.Run.Path = [string[]] $files.FullName
    } else {
        $config.Filter.FullName = "*$Filter*"
    }
}
$env:CASAWS_REPO_ROOT = $Root
$result = Invoke-Pester -Configuration $config
@{
    Passed  = $result.PassedCount
    Failed  = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
    Skipped = $result.SkippedCount + $result.NotRunCount
} | ConvertTo-Json | Set-Content -LiteralPath $SummaryPath
