<#
.SYNOPSIS
    Test helpers: start/stop the built CAS + Duo + STS emulator, drive its control endpoint, run the AWS CLI.
.DESCRIPTION
    Import-Module (Join-Path $env:CASAWS_REPO_ROOT 'tests/Pester/TestSupport/Emulator.psm1')
    $emu = Start-CasAwsEmulator -Config $config     # one per Pester file (BeforeAll), stopped in AfterAll
    ... $emu.CasBaseHttps, $emu.StsUrlHttp, $emu.CertificatePath ...
    Stop-CasAwsEmulator $emu

    Without -Config (the sample configuration), inside tests/Pester/Invoke-PesterSuite.ps1 every file gets
    the one emulator the suite shares, reset when a file starts and stops with it (Enable-/Disable-
    CasAwsSharedEmulator); Set-CasAwsEmulatorPushTimeout changes what a file needs until that reset.

    To answer a Duo push while a cmdlet waits, do it from a thread job:
    $job = Start-ThreadJob { Import-Module $using:supportModule; Approve-CasAwsPush -Emulator $using:emu -User erin -WaitSeconds 20 }
#>
Set-StrictMode -Version 3.0
Import-Module (Join-Path $PSScriptRoot 'CapturedProcess.psm1')
Import-Module (Join-Path $PSScriptRoot 'Prerequisites.psm1')

function Get-RepositoryRoot {
    if ($env:CASAWS_REPO_ROOT) { return $env:CASAWS_REPO_ROOT }
    (Resolve-Path (Join-Path $PSScriptRoot '../../..')).Path
}

function Get-CasAwsEmulatorPath {
    <# .SYNOPSIS The built emulator assembly (Release, else Debug). #>
    [CmdletBinding()]
    [OutputType([string])]
    param()
    $root = Get-RepositoryRoot
    foreach ($configuration in 'Release', 'Debug') {
        $path = Join-Path $root "tools/CasAws.Emulator/bin/$configuration/net10.0/CasAws.Emulator.dll"
        if (Test-Path -LiteralPath $path) { return $path }
    }
    throw "The emulator is not built. Run 'dotnet pwsh ./build.ps1 build' in $root first."
}

function Get-CasAwsEmulatorSampleConfig {
    <# .SYNOPSIS The shipped sample configuration as a hashtable, to adjust for a test (e.g. a short push timeout). #>
    [CmdletBinding()]
    [OutputType([hashtable])]
    param()
    $path = Join-Path (Get-RepositoryRoot) 'tools/CasAws.Emulator/emulator.sample.json'
    Get-Content -LiteralPath $path -Raw | ConvertFrom-Json -AsHashtable
}

function Get-DotnetPath {
    if ($env:DOTNET_HOST_PATH -and (Test-Path -LiteralPath $env:DOTNET_HOST_PATH)) { return $env:DOTNET_HOST_PATH }
    (Get-Command dotnet -CommandType Application -ErrorAction Stop | Select-Object -First 1).Source
}

function Start-CasAwsEmulator {
    <#
    .SYNOPSIS
        Starts the built emulator as a child process on 127.0.0.1 (free ports) and waits until it listens.
    .PARAMETER Config
        A hashtable/object (written to a temporary JSON file) or the path of a JSON file. Default: the sample,
        and then the suite's shared emulator (reset) when Enable-CasAwsSharedEmulator made one available.
    .PARAMETER TimeoutSeconds
        How long to wait for the ready-file before giving up (the emulator's stderr is in the error).
    .OUTPUTS
        An object with HttpsUrl, HttpUrl, CasBaseHttps, CasBaseHttp, CasServers (name -> CasBaseHttps/CasBaseHttp),
        StsUrlHttps, StsUrlHttp, ControlUrl, ControlToken, FederationUrl, FederationUrlHttp, ConsoleLogoutUrl, IamUrl, CertificatePath, Process,
        StartMilliseconds, StdOutPath, StdErrPath, WorkDirectory, Shared.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Position = 0)] [object] $Config,
        [int] $TimeoutSeconds = 30
    )
    $sharing = Get-Variable -Name CasAwsSharedEmulator -Scope Global -ValueOnly -ErrorAction Ignore
    if ($null -eq $Config -and $sharing) {
        if (-not $sharing.Emulator) { $sharing.Emulator = Start-CasAwsEmulator -Config (Get-CasAwsEmulatorSampleConfig) -TimeoutSeconds $TimeoutSeconds; $sharing.Emulator.Shared = $true }
        Reset-CasAwsEmulator -Emulator $sharing.Emulator
        return $sharing.Emulator
    }
    $emulatorPath = Get-CasAwsEmulatorPath
    $work = Join-Path ([System.IO.Path]::GetTempPath()) ("casaws-emu-" + [guid]::NewGuid().ToString('N').Substring(0, 12))
    New-Item -ItemType Directory -Path $work | Out-Null
    $readyFile = Join-Path $work 'ready.json'
    $certificate = Join-Path $work 'emulator.pem'
    $stdout = Join-Path $work 'stdout.log'
    $stderr = Join-Path $work 'stderr.log'
    $arguments = @($emulatorPath, '--ready-file', $readyFile, '--cert-out', $certificate)
    $configPath = $null
    if ($null -ne $Config) {
        if ($Config -is [string]) {
            $configPath = (Resolve-Path -LiteralPath $Config).Path
        } else {
            $configPath = Join-Path $work 'config.json'
            $Config | ConvertTo-Json -Depth 32 | Set-Content -LiteralPath $configPath -Encoding utf8NoBOM
        }
        $arguments += @('--config', $configPath)
    }

    $info = [System.Diagnostics.ProcessStartInfo]::new((Get-DotnetPath))
    foreach ($argument in $arguments) { $info.ArgumentList.Add($argument) }
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardError = $true
    $info.UseShellExecute = $false
    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    $process = [System.Diagnostics.Process]::new()
    $process.StartInfo = $info
    # Drain both pipes into unbuffered files from .NET threads, so the child never blocks on a full
    # pipe and a test can read the log at any time.
    $outWriter = [System.IO.FileStream]::new($stdout, 'Create', 'Write', 'ReadWrite', 1)
    $errWriter = [System.IO.FileStream]::new($stderr, 'Create', 'Write', 'ReadWrite', 1)
    [void] $process.Start()
    $outTask = $process.StandardOutput.BaseStream.CopyToAsync($outWriter)
    $errTask = $process.StandardError.BaseStream.CopyToAsync($errWriter)

    while (-not (Test-Path -LiteralPath $readyFile)) {
        if ($process.HasExited) {
            [void] $errTask.Wait(2000)
            $message = Get-Content -LiteralPath $stderr -Raw -ErrorAction SilentlyContinue
            $outWriter.Dispose(); $errWriter.Dispose()
            Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction SilentlyContinue
            throw "The CasAws emulator exited with code $($process.ExitCode) before it was ready. stderr: $message"
        }
        if ($watch.Elapsed.TotalSeconds -gt $TimeoutSeconds) {
            $process.Kill($true)
            [void] $process.WaitForExit(5000)
            $message = Get-Content -LiteralPath $stderr -Raw -ErrorAction SilentlyContinue
            $outWriter.Dispose(); $errWriter.Dispose()
            Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction SilentlyContinue
            throw "The CasAws emulator was not ready after $TimeoutSeconds s. stderr: $message"
        }
        Start-Sleep -Milliseconds 20
    }
    $watch.Stop()
    $ready = Get-Content -LiteralPath $readyFile -Raw | ConvertFrom-Json
    $servers = [ordered]@{}
    foreach ($property in $ready.casServers.PSObject.Properties) {
        $servers[$property.Name] = [pscustomobject]@{
            CasBaseHttps = $property.Value.casBaseHttps
            CasBaseHttp  = $property.Value.casBaseHttp
            EndpointPath = $property.Value.endpointPath
        }
    }
    [pscustomobject]@{
        PSTypeName        = 'CasAws.TestEmulator'
        HttpsUrl          = $ready.httpsUrl
        HttpUrl           = $ready.httpUrl
        CasBaseHttps      = $ready.casBaseHttps
        CasBaseHttp       = $ready.casBaseHttp
        CasServers        = $servers
        StsUrlHttps       = $ready.stsUrlHttps
        StsUrlHttp        = $ready.stsUrlHttp
        ControlUrl        = $ready.controlUrl
        ControlToken      = $ready.controlToken
        FederationUrl     = $ready.federationUrl
        FederationUrlHttp = $ready.federationUrlHttp
        ConsoleLogoutUrl  = $ready.consoleLogoutUrl
        IamUrl            = $ready.iamUrl
        CertificatePath   = $ready.certificatePem
        ConfigPath        = $configPath
        Process           = $process
        StartMilliseconds = $watch.Elapsed.TotalMilliseconds
        StdOutPath        = $stdout
        StdErrPath        = $stderr
        WorkDirectory     = $work
        Writers           = @($outWriter, $errWriter)
        CopyTasks         = @($outTask, $errTask)
        Shared            = $false
    }
}

function Enable-CasAwsSharedEmulator {
    <#
    .SYNOPSIS
        From now on, Start-CasAwsEmulator without -Config returns one emulator shared by every caller in
        this process (started at the first such call, reset at each), which Stop-CasAwsEmulator only resets.
    #>
    [CmdletBinding()]
    param()
    Set-Variable -Name CasAwsSharedEmulator -Scope Global -Value ([pscustomobject]@{ Emulator = $null })
}

function Disable-CasAwsSharedEmulator {
    <# .SYNOPSIS Stops the shared emulator, if one was started, and ends the sharing. #>
    [CmdletBinding()]
    param()
    $sharing = Get-Variable -Name CasAwsSharedEmulator -Scope Global -ValueOnly -ErrorAction Ignore
    Remove-Variable -Name CasAwsSharedEmulator -Scope Global -ErrorAction Ignore
    if ($sharing -and $sharing.Emulator) { $sharing.Emulator.Shared = $false; Stop-CasAwsEmulator $sharing.Emulator }
}

function Stop-CasAwsEmulator {
    <#
    .SYNOPSIS
        Stops an emulator from Start-CasAwsEmulator (SIGTERM, then kill) and removes its temporary files;
        the shared one is only reset, for the next file.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory, Position = 0, ValueFromPipeline)] [AllowNull()] [object] $Emulator)
    process {
        if ($null -eq $Emulator) { return }
        if ($Emulator.Shared) { Reset-CasAwsEmulator -Emulator $Emulator; return }
        $process = $Emulator.Process
        if (-not $process.HasExited) {
            $kill = if (-not $IsWindows) { Get-Command kill -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1 }
            if ($kill) { & $kill.Source -TERM $process.Id 2>$null }  # a clean stop, as Ctrl+C would
            if (-not $process.WaitForExit(5000)) { $process.Kill($true); [void] $process.WaitForExit(5000) }
        }
        [void] [System.Threading.Tasks.Task]::WaitAll([System.Threading.Tasks.Task[]] $Emulator.CopyTasks, 2000)
        foreach ($writer in $Emulator.Writers) { $writer.Dispose() }
        $process.Dispose()
        for ($attempt = 1; $attempt -le 10 -and (Test-Path -LiteralPath $Emulator.WorkDirectory); $attempt++) {
            Remove-Item -LiteralPath $Emulator.WorkDirectory -Recurse -Force -ErrorAction SilentlyContinue
            if (Test-Path -LiteralPath $Emulator.WorkDirectory) { Start-Sleep -Milliseconds 200 }   # the emulator's files let go a moment after it exits
        }
    }
}

function Get-ControlUrl([object] $Emulator) {
    $Emulator.ControlUrl.TrimEnd('/')
}

function Invoke-CasAwsEmulatorControl {
    <#
    .SYNOPSIS
        One call to the emulator's control API (Path below /control), with the token it requires.
    #>
    param([Parameter(Mandatory)] [object] $Emulator, [Parameter(Mandatory)] [string] $Path, [string] $Method = 'Get', [int] $TimeoutSec = 60)
    Invoke-RestMethod -Method $Method -Uri "$(Get-ControlUrl $Emulator)/$Path" -Headers @{ 'X-CasAws-Control-Token' = $Emulator.ControlToken } -TimeoutSec $TimeoutSec
}

function Get-CasAwsPendingPush {
    <#
    .SYNOPSIS Lists the Duo pushes the emulator holds open (Id, User, Server, Since).
    .PARAMETER Emulator The object from Start-CasAwsEmulator (or its ControlUrl).
    .PARAMETER WaitSeconds Wait up to this long for at least one (matching) push to be pending.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory)] [object] $Emulator,
        [string] $User,
        [double] $WaitSeconds = 0
    )
    $query = "waitSeconds=$([System.Uri]::EscapeDataString($WaitSeconds.ToString([cultureinfo]::InvariantCulture)))"
    if ($User) { $query += "&user=$([System.Uri]::EscapeDataString($User))" }
    $pushes = Invoke-CasAwsEmulatorControl -Emulator $Emulator -Method Get -Path "pushes?$query" -TimeoutSec ([int] $WaitSeconds + 30)
    foreach ($push in @($pushes)) {
        [pscustomobject]@{ Id = $push.id; User = $push.user; Server = $push.server; Since = $push.since }
    }
}

function Send-PushDecision([object] $Emulator, [string] $Id, [string] $User, [double] $WaitSeconds, [string] $Decision) {
    if (-not $Id) {
        $push = Get-CasAwsPendingPush -Emulator $Emulator -User $User -WaitSeconds $WaitSeconds | Select-Object -First 1
        if (-not $push) { throw "No Duo push$(if ($User) { " for '$User'" }) was pending within $WaitSeconds s." }
        $Id = $push.Id
    }
    Invoke-CasAwsEmulatorControl -Emulator $Emulator -Method Post -Path "pushes/$Id/$Decision" | Out-Null
    [pscustomobject]@{ Id = $Id; Decision = $Decision }
}

function Approve-CasAwsPush {
    <#
    .SYNOPSIS Approves a pending Duo push: by -Id, or the oldest one (of -User), waiting up to -WaitSeconds for it to appear.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] [object] $Emulator, [string] $Id, [string] $User, [double] $WaitSeconds = 30)
    Send-PushDecision $Emulator $Id $User $WaitSeconds 'approve'
}

function Deny-CasAwsPush {
    <#
    .SYNOPSIS Denies a pending Duo push: by -Id, or the oldest one (of -User), waiting up to -WaitSeconds for it to appear.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] [object] $Emulator, [string] $Id, [string] $User, [double] $WaitSeconds = 30)
    Send-PushDecision $Emulator $Id $User $WaitSeconds 'deny'
}

function Invoke-CasAwsPushTimeout {
    <#
    .SYNOPSIS Ends a pending Duo push as its timeout would, now: by -Id, or the oldest one (of -User), waiting up to -WaitSeconds for it to appear.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] [object] $Emulator, [string] $Id, [string] $User, [double] $WaitSeconds = 30)
    Send-PushDecision $Emulator $Id $User $WaitSeconds 'expire'
}

function Set-CasAwsEmulatorPushTimeout {
    <# .SYNOPSIS How long later Duo pushes wait for an answer, until Reset-CasAwsEmulator restores the configured timeout. #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] [object] $Emulator, [Parameter(Mandatory)] [double] $Seconds)
    $value = [System.Uri]::EscapeDataString($Seconds.ToString([cultureinfo]::InvariantCulture))
    Invoke-CasAwsEmulatorControl -Emulator $Emulator -Method Post -Path "duo/push-timeout?seconds=$value" | Out-Null
}

function Start-CasAwsPushAnswer {
    <#
    .SYNOPSIS Starts a thread job that approves, denies or expires (as Duo's timeout would) the next Duo push (of -User), and returns it once the
    job is watching: a test config's short Duo timeout cannot run out while the job is still starting.
    Receive the job to get the decision.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [object] $Emulator,
        [Parameter(Mandatory)] [string] $User,
        [ValidateSet('Approve', 'Deny', 'Expire')] [string] $Decision = 'Approve',
        [double] $WaitSeconds = 20
    )
    $watching = [System.Threading.ManualResetEventSlim]::new($false)
    $job = Start-ThreadJob -ArgumentList $PSCommandPath, $Emulator, $User, $Decision, $WaitSeconds, $watching -ScriptBlock {
        param($supportModule, $emulator, $user, $decision, $waitSeconds, $watching)
        Import-Module $supportModule
        $watching.Set()
        $command = @{ Approve = 'Approve-CasAwsPush'; Deny = 'Deny-CasAwsPush'; Expire = 'Invoke-CasAwsPushTimeout' }[$decision]
        & $command -Emulator $emulator -User $user -WaitSeconds $waitSeconds
    }
    if (-not $watching.Wait([TimeSpan]::FromSeconds(60))) {
        $job | Remove-Job -Force
        throw "The thread job that answers Duo pushes did not start within 60 seconds."
    }
    $job
}

function Reset-CasAwsEmulator {
    <# .SYNOPSIS Makes used passcodes valid again, denies pending pushes, clears the request log and the clock offset, restores the push timeout. #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] [object] $Emulator)
    Invoke-CasAwsEmulatorControl -Emulator $Emulator -Method Post -Path "reset" | Out-Null
}

function Get-CasAwsEmulatorRequest {
    <# .SYNOPSIS The emulator's request log (Time, Method, Path, Action, User, Status, Outcome), oldest first; no secrets. #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param([Parameter(Mandatory)] [object] $Emulator)
    # Invoke-RestMethod writes a JSON array as one object; returning it from a variable sends one record at a time,
    # so that Where-Object and Count see requests, not one array.
    $log = Invoke-CasAwsEmulatorControl -Emulator $Emulator -Method Get -Path "requests"
    $log
}

function Get-CasAwsEmulatorStat {
    <# .SYNOPSIS Counters: pushes sent, requests logged, STS clock offset. #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param([Parameter(Mandatory)] [object] $Emulator)
    Invoke-CasAwsEmulatorControl -Emulator $Emulator -Method Get -Path "stats"
}

function Move-CasAwsEmulatorClock {
    <# .SYNOPSIS Moves the emulator's STS clock forward (so keys it issued expire) without waiting. #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] [object] $Emulator, [Parameter(Mandatory)] [double] $Seconds)
    $value = [System.Uri]::EscapeDataString($Seconds.ToString([cultureinfo]::InvariantCulture))
    Invoke-CasAwsEmulatorControl -Emulator $Emulator -Method Post -Path "clock?advanceSeconds=$value" | Out-Null
}

function Get-TotpCode {
    <#
    .SYNOPSIS
        An RFC 6238 code (HMAC-SHA1, 30-second steps, 6 digits) for a base32 secret, computed here and not by
        the emulator, so a test proves the emulator speaks real TOTP.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param([Parameter(Mandatory)] [string] $Secret, [datetimeoffset] $Time = [datetimeoffset]::UtcNow)
    $alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
    $bits = -join ($Secret.ToUpperInvariant().TrimEnd('=').ToCharArray() | ForEach-Object { [Convert]::ToString($alphabet.IndexOf($_), 2).PadLeft(5, '0') })
    $key = [byte[]] @(for ($i = 0; $i + 8 -le $bits.Length; $i += 8) { [Convert]::ToByte($bits.Substring($i, 8), 2) })
    $counter = [BitConverter]::GetBytes([long][math]::Floor($Time.ToUnixTimeSeconds() / 30))
    if ([BitConverter]::IsLittleEndian) { [array]::Reverse($counter) }
    $hmac = [System.Security.Cryptography.HMACSHA1]::new($key)
    try { $hash = $hmac.ComputeHash($counter) } finally { $hmac.Dispose() }
    $offset = [int] $hash[19] -band 0x0F
    $binary = (([int] $hash[$offset] -band 0x7F) * 16777216) + ([int] $hash[$offset + 1] * 65536) + ([int] $hash[$offset + 2] * 256) + [int] $hash[$offset + 3]
    ($binary % 1000000).ToString('D6', [cultureinfo]::InvariantCulture)
}

function Get-CasAwsEmulatorTime {
    <# .SYNOPSIS The emulator's clock (real time plus what Move-CasAwsEmulatorClock added): the time its TOTP codes follow. #>
    [CmdletBinding()]
    [OutputType([datetimeoffset])]
    param([Parameter(Mandatory)] [object] $Emulator)
    [datetimeoffset]::UtcNow.AddSeconds((Get-CasAwsEmulatorStat -Emulator $Emulator).clockOffsetSeconds)
}

function Get-CasAwsEmulatorMfaCode {
    <#
    .SYNOPSIS
        What a user's device shows now, from the emulator's control API: the Google Authenticator code of
        -User (device -Device, else the first), or the AWS virtual MFA code of -SerialNumber.
    #>
    [CmdletBinding(DefaultParameterSetName = 'Cas')]
    [OutputType([string])]
    param(
        [Parameter(Mandatory)] [object] $Emulator,
        [Parameter(Mandatory, ParameterSetName = 'Cas')] [string] $User,
        [Parameter(ParameterSetName = 'Cas')] [long] $Device,
        [Parameter(Mandatory, ParameterSetName = 'Aws')] [string] $SerialNumber
    )
    $uri = if ($PSCmdlet.ParameterSetName -eq 'Aws') {
        "mfa/aws?serialNumber=$([uri]::EscapeDataString($SerialNumber))"
    } else {
        "mfa/gauth?user=$([uri]::EscapeDataString($User))$(if ($Device) { "&device=$Device" })"
    }
    (Invoke-CasAwsEmulatorControl -Emulator $Emulator -Path $uri).code
}

function New-CasAwsEmulatorYubiKeyOtp {
    <# .SYNOPSIS Touches the user's emulated YubiKey: a new 44-character modhex OTP with a higher counter. #>
    [CmdletBinding()]
    [OutputType([string])]
    param([Parameter(Mandatory)] [object] $Emulator, [Parameter(Mandatory)] [string] $User)
    (Invoke-CasAwsEmulatorControl -Emulator $Emulator -Method Post -Path "mfa/yubikey?user=$([uri]::EscapeDataString($User))").otp
}

function New-CasAwsEmulatorSimpleToken {
    <# .SYNOPSIS The CAS Simple MFA token the emulated CAS would e-mail to the user (for server -Server, else the first). #>
    [CmdletBinding()]
    [OutputType([string])]
    param([Parameter(Mandatory)] [object] $Emulator, [Parameter(Mandatory)] [string] $User, [string] $Server)
    $query = "user=$([uri]::EscapeDataString($User))$(if ($Server) { "&server=$([uri]::EscapeDataString($Server))" })"
    (Invoke-CasAwsEmulatorControl -Emulator $Emulator -Method Post -Path "mfa/simple?$query").token
}

function Get-TestAwsCliPath {
    <# .SYNOPSIS The AWS CLI the tests drive: Debian's /usr/bin/aws on Linux (not a pyenv shim); $null when absent. #>
    [CmdletBinding()]
    [OutputType([string])]
    param()
    $null = Wait-TestPrerequisite awscli
    if ($IsLinux) { if (Test-Path /usr/bin/aws) { return '/usr/bin/aws' } else { return $null } }
    $command = Get-Command aws -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if ($command) { $command.Source } else { $null }
}

function Invoke-TestAwsCli {
    <#
    .SYNOPSIS
        Runs the AWS CLI in a clean environment: no AWS_* variables from the caller, temporary empty
        config/credentials files unless -Environment names others, no pager, trusting the emulator's PEM.
    .OUTPUTS
        ExitCode, StdOut, StdErr (and Json: StdOut parsed when it is JSON).
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory)] [string[]] $Arguments,
        [hashtable] $Environment = @{},
        [object] $Emulator
    )
    $cli = Get-TestAwsCliPath
    if (-not $cli) { throw 'The AWS CLI is not installed (tests/Install-TestPrerequisites.ps1 installs it).' }
    $scratch = Join-Path ([System.IO.Path]::GetTempPath()) ("casaws-cli-" + [guid]::NewGuid().ToString('N').Substring(0, 12))
    New-Item -ItemType Directory -Path $scratch | Out-Null
    try {
        $info = [System.Diagnostics.ProcessStartInfo]::new($cli)
        foreach ($argument in $Arguments) { $info.ArgumentList.Add($argument) }
        foreach ($name in @($info.Environment.Keys)) { if ($name -like 'AWS_*') { [void] $info.Environment.Remove($name) } }
        $info.Environment['AWS_CONFIG_FILE'] = Join-Path $scratch 'config'
        $info.Environment['AWS_SHARED_CREDENTIALS_FILE'] = Join-Path $scratch 'credentials'
        $info.Environment['AWS_PAGER'] = ''
        $info.Environment['AWS_DEFAULT_REGION'] = 'us-east-1'
        $info.Environment['AWS_EC2_METADATA_DISABLED'] = 'true'
        if ($Emulator) { $info.Environment['AWS_CA_BUNDLE'] = $Emulator.CertificatePath }
        foreach ($key in $Environment.Keys) { $info.Environment[$key] = [string] $Environment[$key] }
        $run = Invoke-CapturedProcess -StartInfo $info
        $json = $null
        if ($run.StdOut.TrimStart().StartsWith('{')) { $json = $run.StdOut | ConvertFrom-Json }
        [pscustomobject]@{ ExitCode = $run.ExitCode; StdOut = $run.StdOut; StdErr = $run.StdErr; Json = $json }
    } finally {
        Remove-Item -LiteralPath $scratch -Recurse -Force -ErrorAction SilentlyContinue
    }
}

Export-ModuleMember -Function Start-CasAwsEmulator, Stop-CasAwsEmulator, Enable-CasAwsSharedEmulator, Disable-CasAwsSharedEmulator,
    Get-CasAwsEmulatorPath, Get-CasAwsEmulatorSampleConfig, Set-CasAwsEmulatorPushTimeout, Invoke-CasAwsEmulatorControl,
    Get-CasAwsPendingPush, Approve-CasAwsPush, Deny-CasAwsPush, Invoke-CasAwsPushTimeout, Start-CasAwsPushAnswer, Reset-CasAwsEmulator, Get-CasAwsEmulatorRequest,
    Get-CasAwsEmulatorStat, Move-CasAwsEmulatorClock, Get-TestAwsCliPath, Invoke-TestAwsCli,
    Get-TotpCode, Get-CasAwsEmulatorTime, Get-CasAwsEmulatorMfaCode, New-CasAwsEmulatorYubiKeyOtp, New-CasAwsEmulatorSimpleToken
