<#
.SYNOPSIS
    The credential_process helper's cost per AWS CLI command: median wall time of a cache hit, against
    starting PowerShell (pwsh -NoProfile -Command 1), measured in one run. Target ratio: <= 0.15.
    Then a login through the helper at a terminal against the same login through Get-CasAwsCredential.
.DESCRIPTION
    The AWS CLI runs credential_process before every command, so this is what each `aws` call pays
    for CasAws. Both are run as processes the same way (System.Diagnostics.Process, output read,
    interleaved so machine noise hits both alike), after one warm-up each. The cache lives in a
    temporary CASAWS_CACHE_DIR filled through Register-CasAwsProfile from the built module.
    PowerShell is the pinned one (`dotnet pwsh`) when that is how this script runs, else this pwsh.

    Login (Linux/macOS with util-linux 'script'): the emulator's casuser (no MFA, so the request itself is
    measured, not a push), one whole CAS call each time. The helper runs in a pseudo-terminal with an
    empty cache and the password is typed when its prompt shows (polled every 5 ms); it is timed from
    start to exit. It is compared with Get-CasAwsCredential -Server -Credential in this warm pwsh (a new
    runbook session each time) and in a fresh pwsh that imports the module first, which is what a user
    without the helper's login would do. Interleaved rounds.
#>
param(
    [Parameter(Mandatory)] [string] $Root,
    [string] $Configuration = 'Release',
    [int] $Runs = 25,
    [int] $LoginRuns = 7,
    # Another build of the helper (e.g. one published from an older commit) to time on the same cache hit, interleaved.
    [string] $BaselineHelper
)
$ErrorActionPreference = 'Stop'
$env:CASAWS_REPO_ROOT = $Root
Import-Module (Join-Path $Root 'tests/Pester/TestSupport/CasAwsFiles.psm1') -Force
Import-Module (Join-Path $Root 'artifacts/CasAws/CasAws.psd1') -Force
Import-Module (Join-Path $Root 'tests/Pester/TestSupport/Emulator.psm1') -Force
Import-Module (Join-Path $Root 'tests/Pester/TestSupport/PseudoTerminal.psm1') -Force

Import-Module (Join-Path $PSScriptRoot 'BenchmarkSupport.psm1') -Force

$scratch = Enter-CasAwsScratch
try {
    $credential = [CasAws.Credentials.CasAwsCredential]::new('ASIABENCHMARK0000001', 'bench/secret+key', 'bench+session/token=', [datetime]::UtcNow.AddHours(1))
    $credential | Register-CasAwsProfile bench -Server 'https://cas.example.org/cas' -RoleArn 'arn:aws:iam::123456789012:role/Bench' | Out-Null
    $helper = Get-CasAwsHelperPath
    $helperArguments = @('--profile', 'bench', '--server', 'https://cas.example.org/cas')

    $pwsh = [System.Diagnostics.Process]::GetCurrentProcess().MainModule.FileName
    $pwshArguments = @()
    $pwshLabel = 'pwsh'
    if ([IO.Path]::GetFileNameWithoutExtension($pwsh) -eq 'dotnet') { $pwshArguments = @((Join-Path $PSHOME 'pwsh.dll')); $pwshLabel = 'dotnet pwsh' }
    $pwshArguments += @('-NoProfile', '-NonInteractive', '-Command', '1')

    $null = Measure-Process $helper $helperArguments
    $null = Measure-Process $pwsh $pwshArguments
    $helperTimes = [System.Collections.Generic.List[double]]::new()
    $pwshTimes = [System.Collections.Generic.List[double]]::new()
    $baselineTimes = [System.Collections.Generic.List[double]]::new()
    if ($BaselineHelper) { $null = Measure-Process $BaselineHelper $helperArguments }
    foreach ($run in 1..$Runs) {
        $helperTimes.Add((Measure-Process $helper $helperArguments))
        $pwshTimes.Add((Measure-Process $pwsh $pwshArguments))
        if ($BaselineHelper) { $baselineTimes.Add((Measure-Process $BaselineHelper $helperArguments)) }
    }

    $helperMedian = Get-Median $helperTimes
    $pwshMedian = Get-Median $pwshTimes
    $size = (Get-Item $helper).Length / 1MB
    Write-Host ("credential_process cache hit ({0}, {1:N1} MB, self-contained): median {2:N1} ms over {3} runs" -f (Split-Path $helper -Leaf), $size, $helperMedian, $Runs)
    Write-Host ("PowerShell start ({0} -NoProfile -Command 1): median {1:N1} ms over {2} runs" -f $pwshLabel, $pwshMedian, $Runs)
    Write-Host ("ratio helper / PowerShell: {0:N3} (target <= 0.15)" -f ($helperMedian / $pwshMedian))
    if ($BaselineHelper) {
        $baselineMedian = Get-Median $baselineTimes
        Write-Host ("baseline helper ({0}, {1:N1} MB): median {2:N1} ms; ratio this helper / baseline: {3:N2}" -f $BaselineHelper, ((Get-Item $BaselineHelper).Length / 1MB), $baselineMedian, ($helperMedian / $baselineMedian))
    }

    if ($IsWindows -or -not (Get-Command script -CommandType Application -ErrorAction SilentlyContinue)) {
        Write-Host 'Login through the helper: needs util-linux script (a pseudo-terminal); skipped.'
        return
    }

    $emulator = Start-CasAwsEmulator
    try {
        $role = 'arn:aws:iam::123456789012:role/CasDeveloper'
        $password = 'Mellon'
        $credential = [pscredential]::new('casuser', (ConvertTo-SecureString $password -AsPlainText -Force))
        Register-CasAwsProfile bench-login -Server $emulator.CasBaseHttps -RoleArn $role -UserName casuser -CaBundlePath $emulator.CertificatePath | Out-Null
        $loginLine = (Get-Content -LiteralPath $scratch.Config | Where-Object { $_ -like 'credential_process*bench-login*' }) -replace '^credential_process = ', ''
        $entry = Join-Path $scratch.Cache 'credentials/bench-login.cache'
        $cold = "Import-Module '$(Join-Path $Root 'artifacts/CasAws/CasAws.psd1')'; `$c = [pscredential]::new('casuser', (ConvertTo-SecureString '$password' -AsPlainText -Force)); " +
            "`$null = Get-CasAwsCredential -Server '$($emulator.CasBaseHttps)' -RoleArn '$role' -Credential `$c -CaBundlePath '$($emulator.CertificatePath)'"
        $coldArguments = @($pwshArguments | Select-Object -First ($pwshArguments.Count - 2)) + @('-Command', $cold)

        function Measure-HelperLogin {
            Remove-Item -LiteralPath $entry -ErrorAction SilentlyContinue
            $clock = [System.Diagnostics.Stopwatch]::StartNew()
            $terminal = Start-PseudoTerminal -Command $loginLine -Environment @{ CASAWS_CACHE_DIR = $scratch.Cache }
            Wait-PseudoTerminalText $terminal 'Password for casuser: ' -PollMilliseconds 5
            Send-PseudoTerminalText $terminal "$password`r"
            $null = $terminal.Process.WaitForExit(120000)
            $clock.Stop()
            $result = Wait-PseudoTerminal $terminal
            if ($result.ExitCode -ne 0 -or $result.Output -notmatch '"AccessKeyId"') { throw "The helper's login failed: $($result.Output)" }
            $clock.Elapsed.TotalMilliseconds
        }

        function Measure-CmdletLogin {
            $clock = [System.Diagnostics.Stopwatch]::StartNew()
            $null = Get-CasAwsCredential -Server $emulator.CasBaseHttps -RoleArn $role -Credential $credential -CaBundlePath $emulator.CertificatePath
            $clock.Elapsed.TotalMilliseconds
        }

        $null = Measure-HelperLogin
        $null = Measure-CmdletLogin
        $null = Measure-Process $pwsh $coldArguments
        $helperLogins = [System.Collections.Generic.List[double]]::new()
        $cmdletLogins = [System.Collections.Generic.List[double]]::new()
        $coldLogins = [System.Collections.Generic.List[double]]::new()
        foreach ($run in 1..$LoginRuns) {
            $helperLogins.Add((Measure-HelperLogin))
            $cmdletLogins.Add((Measure-CmdletLogin))
            $coldLogins.Add((Measure-Process $pwsh $coldArguments))
        }

        $helperLogin = Get-Median $helperLogins
        $cmdletLogin = Get-Median $cmdletLogins
        $coldLogin = Get-Median $coldLogins
        Write-Host ("login through the helper at a terminal (process start to JSON, password typed at the prompt): median {0:N1} ms over {1} runs" -f $helperLogin, $LoginRuns)
        Write-Host ("same login, Get-CasAwsCredential in this warm PowerShell: median {0:N1} ms" -f $cmdletLogin)
        Write-Host ("same login, a new {0} importing CasAws then Get-CasAwsCredential: median {1:N1} ms" -f $pwshLabel, $coldLogin)
        Write-Host ("ratio helper login / warm cmdlet login: {0:N2}; helper login / new PowerShell login: {1:N3}" -f ($helperLogin / $cmdletLogin), ($helperLogin / $coldLogin))
    } finally {
        Stop-CasAwsEmulator $emulator
    }
} finally {
    Exit-CasAwsScratch $scratch
}
