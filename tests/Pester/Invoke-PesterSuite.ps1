<#
.SYNOPSIS
    Runs the Pester suite with Pester 5 from the NuGet package cache and writes a JSON summary: the
    counts, the tests found but not run, and each file's seconds (tests/Invoke-AllTests.ps1 reads it).
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
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Normal'
# As build.ps1 documents: the test files whose names contain the text (e.g. Cmdlets.Offline); when no
# file name does, the tests whose names do. The files that wait for the package or a tool go last.
Import-Module (Join-Path $PSScriptRoot '../Runner/PesterFiles.psm1')
$selection = Get-PesterFileSelection -Directory $PSScriptRoot -Filter $Filter
$config.Run.Path = [string[]] $selection.Files.FullName
if ($selection.NameFilter) { $config.Filter.FullName = "*$($selection.NameFilter)*" }
$env:CASAWS_REPO_ROOT = $Root
# The files that use the sample configuration share one emulator, reset between them.
Import-Module (Join-Path $PSScriptRoot 'TestSupport/Emulator.psm1')
Enable-CasAwsSharedEmulator
try {
    $result = Invoke-Pester -Configuration $config
} finally {
    Disable-CasAwsSharedEmulator
}
@{
    Passed       = $result.PassedCount
    Failed       = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
    Skipped      = $result.SkippedCount
    NotRun       = $result.NotRunCount
    NameFiltered = [bool] $selection.NameFilter
    Files        = @($result.Containers | ForEach-Object {
            @{ Name = [System.IO.Path]::GetFileName("$($_.Item)"); Seconds = [math]::Round($_.Duration.TotalSeconds, 1); Result = "$($_.Result)" }
        })
} | ConvertTo-Json -Depth 4 | Set-Content -LiteralPath $SummaryPath
