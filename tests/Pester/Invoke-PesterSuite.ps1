<#
.SYNOPSIS
    Runs Pester test files with Pester 5 from the NuGet package cache and writes a JSON summary: the
    counts, the tests found but not run, and each file's seconds (tests/Invoke-AllTests.ps1 reads it).
.DESCRIPTION
    Several of these run side by side in one test command: each takes the next file nobody has taken
    yet (-ClaimDirectory), so the files spread over the suites as they finish, and every file runs once.
    Each file's outcome is one line on the error output; Pester's own report goes to -LogPath when given.
#>
param(
    [Parameter(Mandatory)] [string] $Root,
    [Parameter(Mandatory)] [string] $SummaryPath,
    [string] $Filter,
    [string] $ClaimDirectory,
    [string] $LogPath
)
$ErrorActionPreference = 'Stop'
$version = '5.7.1'
$packages = (& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', ''
$pesterManifest = Join-Path $packages.Trim() "pester/$version/tools/Pester.psd1"
if (-not (Test-Path $pesterManifest)) {
    throw "Pester $version was not found at '$pesterManifest'. Run 'dotnet restore' (tests/Unit downloads it)."
}
Import-Module $pesterManifest -Force

function Request-PesterFile {
    <# True when this suite is the first to claim the file (creating the claim is atomic). #>
    param([System.IO.FileInfo] $File)
    if (-not $ClaimDirectory) { return $true }
    try {
        [System.IO.File]::Open((Join-Path $ClaimDirectory $File.Name), [System.IO.FileMode]::CreateNew).Dispose()
        return $true
    } catch [System.IO.IOException] {
        return $false
    }
}

# As build.ps1 documents: the test files whose names contain the text (e.g. Cmdlets.Offline); when no
# file name does, the tests whose names do. The files that wait for the package or a tool go last.
Import-Module (Join-Path $PSScriptRoot '../Runner/PesterFiles.psm1')
$selection = Get-PesterFileSelection -Directory $PSScriptRoot -Filter $Filter
if ($ClaimDirectory) { New-Item -ItemType Directory -Path $ClaimDirectory -Force | Out-Null }
$env:CASAWS_REPO_ROOT = $Root
$summary = [ordered]@{ Passed = 0; Failed = 0; Skipped = 0; NotRun = 0; NameFiltered = [bool] $selection.NameFilter; CpuSeconds = $null; Files = @() }
Import-Module (Join-Path $PSScriptRoot '../Runner/CpuTime.psm1')
# The files that use the sample configuration share one emulator, reset between them.
Import-Module (Join-Path $PSScriptRoot 'TestSupport/Emulator.psm1')
Enable-CasAwsSharedEmulator
try {
    foreach ($file in $selection.Files) {
        if (-not (Request-PesterFile $file)) { continue }
        $config = New-PesterConfiguration
        $config.Run.PassThru = $true
        $config.Run.Path = [string[]] @($file.FullName)
        $config.Output.Verbosity = 'Normal'
        if ($LogPath) { $config.Output.RenderMode = 'Plaintext' }
        if ($selection.NameFilter) { $config.Filter.FullName = "*$($selection.NameFilter)*" }
        $cpuBefore = Get-CpuSeconds -Children
        if ($LogPath) {
            # Pester's report and whatever the tests write (warnings, host text) into the log, in order.
            $output = @(Invoke-Pester -Configuration $config *>&1)
            $result = $output | Where-Object { $_ -is [Pester.Run] }
            $text = [System.Text.StringBuilder]::new()
            foreach ($item in $output | Where-Object { $_ -isnot [Pester.Run] }) {
                $message = if ($item -is [System.Management.Automation.InformationRecord]) { $item.MessageData } else { $item }
                if ($message -is [System.Management.Automation.HostInformationMessage]) {
                    [void] $text.Append($message.Message)
                    if (-not $message.NoNewLine) { [void] $text.AppendLine() }
                } else {
                    [void] $text.AppendLine("$message")
                }
            }
            [System.IO.File]::AppendAllText($LogPath, $text.ToString())
        } else {
            $result = Invoke-Pester -Configuration $config
        }
        $failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
        $summary.Passed += $result.PassedCount
        $summary.Failed += $failed
        $summary.Skipped += $result.SkippedCount
        $summary.NotRun += $result.NotRunCount
        $seconds = [math]::Round($result.Duration.TotalSeconds, 1)
        $cpu = if ($null -ne $cpuBefore) { [math]::Round((Get-CpuSeconds -Children) - $cpuBefore, 1) }
        # The tests that took 5 s or more, so that a slow file's report says which of its tests to look at.
        $slowTests = @($result.Tests | Where-Object { $_.Duration.TotalSeconds -ge 5 } | Sort-Object Duration -Descending |
                ForEach-Object { @{ Name = $_.ExpandedPath; Seconds = [math]::Round($_.Duration.TotalSeconds, 1) } })
        $summary.Files += @{ Name = $file.Name; Seconds = $seconds; CpuSeconds = $cpu; Result = "$($result.Result)"; SlowTests = $slowTests }
        if ($LogPath) {
            # On the error output, which the test command keeps on its console; the output goes to a log.
            [Console]::Error.WriteLine(('{0,-44} {1,4} passed, {2} failed, {3} skipped ({4:N0} s)' -f $file.Name, $result.PassedCount, $failed, $result.SkippedCount, $seconds))
        }
    }
} finally {
    Disable-CasAwsSharedEmulator
}
$summary.CpuSeconds = Get-CpuSeconds -Children
$summary | ConvertTo-Json -Depth 4 | Set-Content -LiteralPath $SummaryPath
