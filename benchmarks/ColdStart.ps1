<#
.SYNOPSIS
    A runbook's cold start: a fresh pwsh that imports CasAws and gets one credential over TLS, against the
    same fresh pwsh doing the POST with Invoke-WebRequest; and what Import-Module CasAws alone adds to a
    fresh process. With -BaselineModule, the same figures for another build (say, the last release) in
    the same run, interleaved, so machine load hits both alike.
.DESCRIPTION
    Each sample is one new process, as a scheduled runbook is. Printed: medians, and the ratios
    credential/Invoke-WebRequest and (with a baseline) this build/baseline. Then where this build's
    import time goes: loading the two assemblies, Import-Module of the binary module (cmdlet discovery),
    and the manifest around it (format file, loader script).
.EXAMPLE
    git worktree add /tmp/base v0.1.0; (cd /tmp/base; dotnet pwsh ./build.ps1 build)
    dotnet pwsh benchmarks/ColdStart.ps1 -Root . -BaselineModule /tmp/base/artifacts/CasAws/CasAws.psd1
#>
param(
    [Parameter(Mandatory)] [string] $Root,
    [string] $Configuration = 'Release',
    [string] $BaselineModule,
    [int] $Rounds = 7
)
$ErrorActionPreference = 'Stop'
$env:CASAWS_REPO_ROOT = $Root
Import-Module (Join-Path $Root 'tests/Pester/TestSupport/Emulator.psm1') -Force
$module = Join-Path $Root 'artifacts/CasAws/CasAws.psd1'
$pwsh = [Environment]::ProcessPath
$pwshArguments = @('-NoProfile', '-NonInteractive', '-Command')
if ([System.IO.Path]::GetFileNameWithoutExtension($pwsh) -eq 'dotnet') { $pwshArguments = @((Join-Path $PSHOME 'pwsh.dll')) + $pwshArguments }

function Measure-Process([string] $Script) {
    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    $output = & $pwsh @pwshArguments $Script 2>&1
    $watch.Stop()
    if ($LASTEXITCODE -ne 0) { throw "The measured process failed: $($output | Out-String)" }
    $watch.Elapsed.TotalMilliseconds
}

function Get-Median([double[]] $Values) { ($Values | Sort-Object)[[int][math]::Floor($Values.Count / 2)] }

$emulator = Start-CasAwsEmulator
try {
    $bundle = $emulator.CertificatePath
    $server = $emulator.CasBaseHttps
    $builds = [ordered]@{ 'this build' = $module }
    if ($BaselineModule) { $builds['baseline'] = (Resolve-Path $BaselineModule).Path }

    $scripts = [ordered]@{ 'fresh pwsh' = '$null = 1'; 'Invoke-WebRequest POST' = @"
`$body = @{ username = 'casuser'; password = 'Mellon'; duration = '3600' }
`$null = Invoke-WebRequest -Uri '$server/actuator/awsSts' -Method Post -Body `$body -Headers @{ Accept = 'text/plain' } -SkipCertificateCheck
"@ }
    foreach ($name in $builds.Keys) {
        $scripts["$name`: Import-Module"] = "Import-Module '$($builds[$name])'"
        $scripts["$name`: import + credential"] = @"
Import-Module '$($builds[$name])'
`$credential = [pscredential]::new('casuser', (ConvertTo-SecureString 'Mellon' -AsPlainText -Force))
`$null = Get-CasAwsCredential -Server '$server' -Credential `$credential -CaBundlePath '$bundle' -ErrorAction Stop
"@
    }

    $samples = @{}
    foreach ($key in $scripts.Keys) { $samples[$key] = [System.Collections.Generic.List[double]]::new() }
    $null = Measure-Process $scripts['fresh pwsh']   # warm the OS file cache
    foreach ($round in 1..$Rounds) {
        foreach ($key in $scripts.Keys) { $samples[$key].Add((Measure-Process $scripts[$key])) }
    }

    $median = @{}
    foreach ($key in $scripts.Keys) { $median[$key] = Get-Median $samples[$key].ToArray() }
    Write-Host ("Cold start, {0} interleaved rounds of fresh processes (medians):" -f $Rounds)
    foreach ($key in $scripts.Keys) { Write-Host ('  {0,-34} {1,6:N0} ms' -f $key, $median[$key]) }
    foreach ($name in $builds.Keys) {
        $added = $median["$name`: Import-Module"] - $median['fresh pwsh']
        $ratio = $median["$name`: import + credential"] / $median['Invoke-WebRequest POST']
        Write-Host ('  {0}: Import-Module adds {1:N0} ms to a fresh process; import + credential / Invoke-WebRequest = {2:N2}x' -f $name, $added, $ratio)
    }
    if ($BaselineModule) {
        Write-Host ('  this build / baseline: import {0:N2}x, import + credential {1:N2}x' -f
            ($median['this build: Import-Module'] / $median['baseline: Import-Module']),
            ($median['this build: import + credential'] / $median['baseline: import + credential']))
    }

    # Where this build's import time goes, in one fresh process per round.
    $breakdown = @"
`$folder = Join-Path (Split-Path '$module') 'core'
`$watch = [System.Diagnostics.Stopwatch]::StartNew()
`$null = [System.Reflection.Assembly]::LoadFrom((Join-Path `$folder 'CasAws.Core.dll'))
`$core = `$watch.Elapsed.TotalMilliseconds
`$null = [System.Reflection.Assembly]::LoadFrom((Join-Path `$folder 'CasAws.Cmdlets.dll'))
`$cmdlets = `$watch.Elapsed.TotalMilliseconds
Import-Module (Join-Path `$folder 'CasAws.Cmdlets.dll')
`$binary = `$watch.Elapsed.TotalMilliseconds
Import-Module '$module'
`$manifest = `$watch.Elapsed.TotalMilliseconds
'{0:R} {1:R} {2:R} {3:R}' -f `$core, (`$cmdlets - `$core), (`$binary - `$cmdlets), (`$manifest - `$binary)
"@
    $parts = foreach ($round in 1..$Rounds) {
        $line = & $pwsh @pwshArguments $breakdown
        , ([double[]] ("$line".Trim() -split ' '))
    }
    $names = 'load CasAws.Core.dll', 'load CasAws.Cmdlets.dll', 'Import-Module of the binary module (cmdlet discovery, initializer)', 'the manifest around it (format file, loader script)'
    Write-Host 'Where Import-Module CasAws spends its time (medians):'
    for ($i = 0; $i -lt $names.Count; $i++) {
        Write-Host ('  {0,-70} {1,6:N1} ms' -f $names[$i], (Get-Median ($parts | ForEach-Object { $_[$i] })))
    }
} finally {
    Stop-CasAwsEmulator $emulator
}
