# Connect-CasAws, Get-CasAwsRole, Get-CasAwsCredential and Disconnect-CasAws from the built module,
# against the emulator over HTTPS (trusting its PEM with -CaBundlePath, as a user with a private CA would).
BeforeAll {
    $script:supportModule = Join-Path $env:CASAWS_REPO_ROOT 'tests/Pester/TestSupport/Emulator.psm1'
    Import-Module $script:supportModule -Force
    Import-Module (Join-Path $env:CASAWS_REPO_ROOT 'artifacts/CasAws/CasAws.psd1') -Force

    $config = Get-CasAwsEmulatorSampleConfig
    $config.duo.pushTimeoutSeconds = 8
    $config.users += @{
        username   = 'zoe'
        password   = 'p=s+s/w rd&x'
        attributes = @{ groupMembership = @('aws:zoe') }
    }
    $script:emu = Start-CasAwsEmulator -Config $config
    $script:Cas = $emu.CasBaseHttps
    $script:Pem = $emu.CertificatePath
    $script:Connection = @{ CaBundlePath = $Pem }

    function New-TestCredential([string] $User, [string] $Password) {
        [pscredential]::new($User, (ConvertTo-SecureString $Password -AsPlainText -Force))
    }
    function Get-CasCallCount {
        # ForEach-Object unrolls the JSON array Invoke-RestMethod hands back as one object.
        @(Get-CasAwsEmulatorRequest $script:emu | ForEach-Object { $_ } | Where-Object { $_.path -like '*awsSts*' }).Count
    }
    function Connect-Bob { Connect-CasAws -Server $script:Cas -Credential (New-TestCredential bob bob-pw) @script:Connection }

    $script:Developer = 'arn:aws:iam::123456789012:role/CasDeveloper'
    $script:Admin = 'arn:aws:iam::123456789012:role/engineering/CasAdmin'
    $script:ReadOnly = 'arn:aws:iam::123456789012:role/ops/team.a/Read+Only=1,x@y_z-2'
}

AfterAll {
    Disconnect-CasAws
    Stop-CasAwsEmulator $script:emu
}

Describe 'Connect-CasAws and Get-CasAwsRole (role mode)' {
    BeforeAll { $script:session = Connect-Bob }

    It 'returns a readable session that learned the roles with one call' {
        $session.Mode | Should -Be 'Roles'
        $session.RoleCount | Should -Be 3
        $session.UserName | Should -Be 'bob'
        $session.Server | Should -Be $Cas
        ($session | Out-String) | Should -BeLike '*3 (Get-CasAwsRole lists them)*'
    }

    It 'lists the roles in the server order, parsed into parts, without calling CAS' {
        $before = Get-CasCallCount
        $roles = @(Get-CasAwsRole)
        Get-CasCallCount | Should -Be $before
        $roles.RoleArn | Should -Be @($Developer, $Admin, $ReadOnly)
        $roles[2].RoleName | Should -Be 'Read+Only=1,x@y_z-2'
        $roles[2].Path | Should -Be '/ops/team.a/'
        $roles[1].Path | Should -Be '/engineering/'
        $roles[0].AccountId | Should -Be '123456789012'
        $roles[0].Partition | Should -Be 'aws'
    }

    It 'filters with -Name wildcards on name or ARN' {
        (Get-CasAwsRole -Name *Admin*).RoleArn | Should -Be $Admin
        (Get-CasAwsRole *team.a*).RoleArn | Should -Be $ReadOnly
        @(Get-CasAwsRole -Name CasDeveloper, *Admin).Count | Should -Be 2
    }

    It 'asks CAS again only with -Refresh' {
        $before = Get-CasCallCount
        @(Get-CasAwsRole -Refresh).Count | Should -Be 3
        Get-CasCallCount | Should -Be ($before + 1)
    }

    It 'says a name without wildcards matches no role, like Get-ChildItem for a missing literal path; a pattern stays silent' {
        $found = Get-CasAwsRole Dev, CasAdmin -ErrorVariable failures -ErrorAction SilentlyContinue
        $found.RoleArn | Should -Be $Admin
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'RoleNotFound,CasAws.Commands.GetCasAwsRoleCommand'
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failures[0].Exception.Message | Should -BeLike "*'Dev'*'*Dev*'*"
        Get-CasAwsRole *NoSuchRole* -ErrorVariable quiet -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $quiet | Should -BeNullOrEmpty
    }

    It 'completes -RoleArn from the known roles' {
        $line = 'Get-CasAwsCredential -RoleArn Adm'
        $completion = TabExpansion2 -inputScript $line -cursorColumn $line.Length
        $completion.CompletionMatches.CompletionText | Should -Contain "'$Admin'"
    }
}

Describe 'Get-CasAwsCredential with a session' {
    BeforeAll {
        $null = Connect-Bob
        $script:cred = Get-CasAwsCredential -RoleArn CasAdmin
    }

    It 'resolves a role name to its exact ARN and returns working credentials' {
        $cred.AssumedRoleArn | Should -Be $Admin
        $cred.AccountId | Should -Be '123456789012'
        $cred.AccessKey | Should -BeLike 'ASIA*'
        $cred.Region | Should -BeNullOrEmpty   # the server sends aws-global
        $identity = Invoke-TestAwsCli -Emulator $emu -Arguments @('sts', 'get-caller-identity', '--endpoint-url', $emu.StsUrlHttps, '--output', 'json') -Environment @{
            AWS_ACCESS_KEY_ID = $cred.AccessKey; AWS_SECRET_ACCESS_KEY = $cred.SecretKey; AWS_SESSION_TOKEN = $cred.SessionToken
        }
        $identity.ExitCode | Should -Be 0 -Because $identity.StdErr
        $identity.Json.Arn | Should -BeLike 'arn:aws:sts::123456789012:assumed-role/CasAdmin/*'
    }

    It 'sets Expiration to the request time plus the duration, in UTC' {
        $before = [datetime]::UtcNow
        $fresh = Get-CasAwsCredential -RoleArn $Developer -Duration 02:00:00 -Force
        $after = [datetime]::UtcNow
        $fresh.Expiration.Kind | Should -Be 'Utc'
        $fresh.Expiration | Should -BeGreaterOrEqual $before.AddHours(2).AddSeconds(-1)
        $fresh.Expiration | Should -BeLessOrEqual $after.AddHours(2)
    }

    It 'reuses cached credentials for the same role and duration, and -Force asks again' {
        $before = Get-CasCallCount
        $again = Get-CasAwsCredential -RoleArn $Admin
        Get-CasCallCount | Should -Be $before
        $again.AccessKey | Should -Be $cred.AccessKey

        $forced = Get-CasAwsCredential -RoleArn $Admin -Force
        Get-CasCallCount | Should -Be ($before + 1)
        $forced.AccessKey | Should -Not -Be $cred.AccessKey

        $null = Get-CasAwsCredential -RoleArn $Admin -Duration 00:30:00
        Get-CasCallCount | Should -Be ($before + 2)
    }

    It 'binds role objects from the pipeline' {
        $creds = @(Get-CasAwsRole CasDeveloper, CasAdmin | Get-CasAwsCredential)
        $creds.AssumedRoleArn | Should -Be @($Developer, $Admin)
    }

    It 'lists the roles and asks for -RoleArn when several roles fit and the host cannot prompt' {
        $err = { Get-CasAwsCredential -ErrorAction Stop } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'RoleArnRequired,*'
        $err.Exception.Message | Should -BeLike '*-RoleArn*'
        foreach ($arn in $Developer, $Admin, $ReadOnly) { $err.Exception.Message | Should -BeLike "*$arn*" }
    }

    It 'lists the candidates for an ambiguous or unknown -RoleArn, without calling CAS' {
        $before = Get-CasCallCount
        $err = { Get-CasAwsCredential -RoleArn Cas* -ErrorAction Stop } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'RoleArnAmbiguous,*'
        $err.Exception.Message | Should -BeLike "*$Developer*"
        $err.Exception.Message | Should -BeLike "*$Admin*"
        $err = { Get-CasAwsCredential -RoleArn NoSuchRole -ErrorAction Stop } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'RoleArnNotFound,*'
        $err.TargetObject | Should -Be 'NoSuchRole'
        Get-CasCallCount | Should -Be $before
    }

    It 'reports a role CAS does not allow, with the list' {
        $err = { Get-CasAwsCredential -RoleArn arn:aws:iam::123456789012:role/Nope -ErrorAction Stop } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'CasRoleNotAllowed,*'
        $err.TargetObject | Should -Be 'arn:aws:iam::123456789012:role/Nope'
        $err.Exception.Message | Should -BeLike "*$Admin*"
    }

    It 'explains why a CAS that matches roles as regular expressions refuses a listed role with + in its name' {
        $err = { Get-CasAwsCredential -RoleArn $ReadOnly -ErrorAction Stop } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'CasRoleNotAllowed,*'
        $err.Exception.Message | Should -BeLike '*regular expression*'
    }

    It 'blames the duration and STS for a server error' {
        # CasDeveloper allows 4 hours at most; CAS then fails with a 500.
        $err = { Get-CasAwsCredential -RoleArn $Developer -Duration 05:00:00 -ErrorAction Stop } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'CasServerError,*'
        $err.Exception.Message | Should -BeLike '*STS*-Duration*01:00:00*'
    }

    It 'checks the role duration bound before any call' {
        $before = Get-CasCallCount
        $err = { Get-CasAwsCredential -RoleArn $Developer -Duration 13:00:00 -ErrorAction Stop } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'DurationOutOfRange,*'
        $err = { Invoke-CasAwsCommand -RoleArn $Developer -Duration 13:00:00 { 'not run' } } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'DurationOutOfRange,*'
        Get-CasCallCount | Should -Be $before
    }

    It 'says that the session was kept, and what next, when the -RoleArn of Connect-CasAws matches no role' {
        Disconnect-CasAws
        $err = { Connect-CasAws -Server $Cas -Credential (New-TestCredential bob bob-pw) -RoleArn Nope @Connection } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'RoleArnNotFound,*'
        $err.Exception.Message | Should -BeLike '*session*was kept*Get-CasAwsRole*Get-CasAwsCredential -RoleArn*'
        $before = Get-CasCallCount
        @(Get-CasAwsRole).Count | Should -Be 3 -Because 'the kept session knows the roles'
        (Get-CasAwsCredential -RoleArn CasAdmin).AssumedRoleArn | Should -Be $Admin
        Get-CasCallCount | Should -Be ($before + 1) -Because 'the kept session logs in without a new prompt'
    }

    It 'says which role credentials are for in -Verbose' {
        $null = Connect-Bob
        $verbose = Get-CasAwsCredential -RoleArn CasAdmin -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        ($verbose.Message -join "`n") | Should -BeLike "*credentials for role $Admin*"
        $verbose.Message | Should -Not -Match "credentials for the session's credentials"
    }

    It 'uses the default role given to Connect-CasAws as a name' {
        $session = Connect-CasAws -Server $Cas -Credential (New-TestCredential bob bob-pw) -RoleArn CasAdmin @Connection
        $session.DefaultRoleArn | Should -Be $Admin
        (Get-CasAwsCredential).AssumedRoleArn | Should -Be $Admin
    }

    It 'is shared with other runspaces (ForEach-Object -Parallel), which make one CAS call between them' {
        $null = Connect-Bob
        $module = Join-Path $env:CASAWS_REPO_ROOT 'artifacts/CasAws/CasAws.psd1'
        $before = Get-CasCallCount
        $keys = 1..4 | ForEach-Object -ThrottleLimit 4 -Parallel { Import-Module $using:module; (Get-CasAwsCredential -RoleArn CasAdmin).AccessKey }
        @($keys).Count | Should -Be 4
        @($keys | Select-Object -Unique).Count | Should -Be 1
        Get-CasCallCount | Should -Be ($before + 1)
    }
}

Describe 'Session-token mode and server variants' {
    It 'hands out the credentials CAS gave at connect time, with its real region' {
        $session = Connect-CasAws -Server $emu.CasServers['cas-session'].CasBaseHttps -Credential (New-TestCredential casuser Mellon) @Connection
        $session.Mode | Should -Be 'SessionTokenOrSingleRole'
        $session.CachedCredentialCount | Should -Be 1
        $before = Get-CasCallCount
        $cred = Get-CasAwsCredential
        Get-CasCallCount | Should -Be $before
        $cred.Region | Should -Be 'us-east-1'
        $cred.AssumedRoleArn | Should -BeNullOrEmpty
        (Get-CasAwsRole -WarningVariable warnings 3>$null) | Should -BeNullOrEmpty
        $warnings | Should -Not -BeNullOrEmpty
    }

    It 'passes -Token and -SerialNumber to STS as the AWS-side MFA' {
        $null = Connect-CasAws -Server $emu.CasServers['cas-session'].CasBaseHttps -Credential (New-TestCredential casuser Mellon) @Connection
        $mfa = @{ SerialNumber = 'arn:aws:iam::123456789012:mfa/cas-server' }
        $code = Get-CasAwsEmulatorMfaCode -Emulator $emu -SerialNumber $mfa.SerialNumber   # the device's current TOTP code
        (Get-CasAwsCredential -Force -Token $code @mfa).AccessKey | Should -BeLike 'ASIA*'
        { Get-CasAwsCredential -Force -Token $code @mfa -ErrorAction Stop } | Should -Throw -ErrorId 'CasServerError,*'   # used once
        $err = { Get-CasAwsCredential -Force -Token 000000 @mfa -ErrorAction Stop } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'CasServerError,*'
        $err.Exception.Message | Should -BeLike '*session-token mode*-Token*fresh one*' -Because 'the advice fits the mode and what was sent'
        $err.Exception.Message | Should -Not -BeLike "*role's maximum session duration*"
    }

    It 'names the session in -Verbose when CAS chose the credentials' {
        $null = Connect-CasAws -Server $emu.CasServers['cas-session'].CasBaseHttps -Credential (New-TestCredential casuser Mellon) @Connection
        $verbose = Get-CasAwsCredential -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        ($verbose.Message -join "`n") | Should -BeLike '*cached credentials for the session (CAS chose*'
        $verbose.Message | Should -Not -Match "credentials for the session's credentials"
    }

    It 'reads a CAS 6.4 answer with CRLF line endings' {
        $cred = Get-CasAwsCredential -Server $emu.CasServers['cas64'].CasBaseHttps -Credential (New-TestCredential alice alice-pw) @Connection
        $cred.AccessKey | Should -BeLike 'ASIA*'
        $cred.SecretKey | Should -Not -BeLike "*`r*"
        $cred.Region | Should -Be 'eu-west-1'
    }

    It 'sends a password holding = + / space and & intact' {
        $cred = Get-CasAwsCredential -Server $emu.CasServers['cas-session'].CasBaseHttps -Credential (New-TestCredential zoe 'p=s+s/w rd&x') @Connection
        $cred.AccessKey | Should -BeLike 'ASIA*'
    }
}

Describe 'Runbook mode (no Connect-CasAws)' {
    BeforeEach { Disconnect-CasAws }

    It 'gets credentials with -Server and -Credential and keeps no session' {
        $cred = Get-CasAwsCredential -Server $Cas -Credential (New-TestCredential bob bob-pw) -RoleArn $Admin @Connection
        $cred.AssumedRoleArn | Should -Be $Admin
        { Get-CasAwsRole } | Should -Throw -ErrorId 'NotConnected,*'
    }

    It 'fails with the role list when the host cannot prompt' {
        $err = { Get-CasAwsCredential -Server $Cas -Credential (New-TestCredential bob bob-pw) @Connection -ErrorAction Stop } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'RoleArnRequired,*'
        $err.Exception.Message | Should -BeLike "*$ReadOnly*"
    }

    It 'asks for a full ARN when a name cannot be resolved without a role list' {
        $err = { Get-CasAwsCredential -Server $Cas -Credential (New-TestCredential bob bob-pw) -RoleArn CasAdmin @Connection -ErrorAction Stop } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'RoleListUnknown,*'
    }

    It 'fails at once, naming -Credential, in a runspace without a host' {
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddCommand('Import-Module').AddParameter('Name', (Join-Path $env:CASAWS_REPO_ROOT 'artifacts/CasAws/CasAws.psd1')).AddStatement()
            $null = $ps.AddCommand('Get-CasAwsCredential').AddParameter('Server', $Cas).AddParameter('CaBundlePath', $Pem)
            $errors = @(try { $null = $ps.Invoke(); $ps.Streams.Error } catch { $_.Exception.InnerException.ErrorRecord ?? $_ })
            $errors.Count | Should -BeGreaterThan 0
            $errors[0].FullyQualifiedErrorId | Should -BeLike 'CredentialRequired,*'
            "$($errors[0])" | Should -BeLike '*-Credential*'
            $ps.Streams.Information.Count | Should -Be 0
        } finally { $ps.Dispose() }
    }
}

Describe 'Duo push and waiting' {
    BeforeEach { Reset-CasAwsEmulator $emu }

    It 'waits for an approved push (erin) and shows progress while it waits, cleared at the end' {
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript({
                param($Module, $Server, $Pem)
                Import-Module $Module
                Connect-CasAws -Server $Server -CaBundlePath $Pem -Credential ([pscredential]::new('erin', (ConvertTo-SecureString 'erin-pw' -AsPlainText -Force)))
            }).AddArgument((Join-Path $env:CASAWS_REPO_ROOT 'artifacts/CasAws/CasAws.psd1')).AddArgument($Cas).AddArgument($Pem)
            $session = $ps.Invoke()
            $session.Mode | Should -Be 'Roles'
            $progress = @($ps.Streams.Progress)
            $progress.Count | Should -BeGreaterThan 1
            $progress[0].Activity | Should -Be 'CAS login'
            $progress[0].StatusDescription | Should -BeLike "? s waited, Ctrl+C cancels. Approve the Duo push*$Cas*"
            $progress[-2].StatusDescription | Should -Match '^\d+ s waited' -Because 'the seconds come first, where no window cuts them off'
            $progress[-1].RecordType | Should -Be 'Completed'
        } finally { $ps.Dispose() }
    }

    It 'gets through when the push is approved from the phone (control endpoint)' {
        $job = Start-CasAwsPushAnswer -Emulator $emu -User frank
        try {
            $session = Connect-CasAws -Server $Cas -Credential (New-TestCredential frank frank-pw) @Connection
            $session.CachedCredentialCount | Should -Be 1
        } finally { $job | Receive-Job -Wait -AutoRemoveJob | Out-Null }
    }

    It 'reports a denied push as Authentication failed (either password or MFA)' {
        $err = { Connect-CasAws -Server $Cas -Credential (New-TestCredential dave dave-pw) @Connection } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'CasAuthenticationFailed,*'
        $err.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $err.Exception.Message | Should -BeLike '*password is wrong*push was denied*'
    }

    It 'accepts a Duo passcode instead of a push' {
        (Connect-CasAws -Server $Cas -Credential (New-TestCredential dave dave-pw) -Passcode 222222 @Connection).CachedCredentialCount | Should -Be 1
    }

    It 'reports a push nobody answers (Duo gives up) as Authentication failed' {
        # The emulator ends the push as its timeout would, without the 8 s wait.
        $giveUp = Start-CasAwsPushAnswer -Emulator $emu -User frank -Decision Expire
        try {
            $err = { Connect-CasAws -Server $Cas -Credential (New-TestCredential frank frank-pw) @Connection } | Should -Throw -PassThru
            ($giveUp | Wait-Job -Timeout 60 | Receive-Job).Decision | Should -Be 'expire'
        } finally { $giveUp | Remove-Job -Force }
        $err.FullyQualifiedErrorId | Should -BeLike 'CasAuthenticationFailed,*'
    }

    It 'reports its own timeout, without retrying' {
        $before = Get-CasCallCount
        $err = { Connect-CasAws -Server $Cas -Credential (New-TestCredential frank frank-pw) -TimeoutSec 1 @Connection } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'CasTimeout,*'
        $err.CategoryInfo.Category | Should -Be 'OperationTimeout'
        Start-Sleep -Seconds 1
        (Get-CasCallCount) - $before | Should -BeLessOrEqual 1
        (Get-CasAwsEmulatorStat $emu).pushes | Should -Be 1
    }

    It 'aborts the request on Ctrl+C (StopProcessing) instead of waiting for Duo' {
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript({
                param($Module, $Server, $Pem)
                Import-Module $Module
                Connect-CasAws -Server $Server -CaBundlePath $Pem -Credential ([pscredential]::new('frank', (ConvertTo-SecureString 'frank-pw' -AsPlainText -Force)))
            }).AddArgument((Join-Path $env:CASAWS_REPO_ROOT 'artifacts/CasAws/CasAws.psd1')).AddArgument($Cas).AddArgument($Pem)
            $async = $ps.BeginInvoke()
            $push = Get-CasAwsPendingPush -Emulator $emu -User frank -WaitSeconds 20
            $push | Should -Not -BeNullOrEmpty
            $ps.Stop()
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
            { $ps.EndInvoke($async) } | Should -Throw
            # The emulator drops a push when its client hangs up; Duo's own timeout here is 8 s.
            $watch = [Diagnostics.Stopwatch]::StartNew()
            while (@(Get-CasAwsPendingPush -Emulator $emu -User frank).Count -and $watch.Elapsed.TotalSeconds -lt 6) { Start-Sleep -Milliseconds 50 }
            @(Get-CasAwsPendingPush -Emulator $emu -User frank) | Should -BeNullOrEmpty -Because 'the HTTP request was aborted, not left waiting for Duo' 
        } finally { $ps.Dispose() }
    }
}

Describe 'Failures that are not the password' {
    It 'reports a missing endpoint (404) as such' {
        $err = { Connect-CasAws -Server $Cas -EndpointPath actuator/nothing -Credential (New-TestCredential bob bob-pw) @Connection } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'CasEndpointUnavailable,*'
        $err.Exception.Message | Should -BeLike '*not a password problem*'
        $err.TargetObject | Should -Be $Cas
    }

    It 'reports a user outside the AWS group as Authorization failure' {
        $err = { Connect-CasAws -Server $Cas -Credential (New-TestCredential carol carol-pw) @Connection } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'CasAuthorizationFailure,*'
        $err.CategoryInfo.Category | Should -Be 'PermissionDenied'
    }

    It 'says how to trust a certificate it cannot verify' {
        $err = { Connect-CasAws -Server $Cas -Credential (New-TestCredential bob bob-pw) } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'CasCertificateUntrusted,*'
        $err.Exception.Message | Should -BeLike '*-CaBundlePath*'
    }

    It 'connects with -SkipCertificateCheck, with a warning' {
        $session = Connect-CasAws -Server $Cas -Credential (New-TestCredential bob bob-pw) -SkipCertificateCheck -WarningVariable warnings 3>$null
        $session.RoleCount | Should -Be 3
        "$warnings" | Should -BeLike '*-SkipCertificateCheck*'
    }
}

Describe 'The credential object' {
    BeforeAll {
        $null = Connect-Bob
        $script:cred = Get-CasAwsCredential -RoleArn CasAdmin
        # A stand-in with Set-AWSCredential's parameter sets and attributes (aws-integration.md).
        function Set-AWSCredentialStandIn {
            [CmdletBinding(DefaultParameterSetName = 'StoredProfile')]
            param(
                [Parameter(ParameterSetName = 'BasicOrSession', Mandatory, ValueFromPipelineByPropertyName)] [Alias('AK')] [string] $AccessKey,
                [Parameter(ParameterSetName = 'BasicOrSession', Mandatory, ValueFromPipelineByPropertyName)] [Alias('SK', 'SecretAccessKey')] [string] $SecretKey,
                [Parameter(ParameterSetName = 'BasicOrSession', ValueFromPipelineByPropertyName)] [Alias('ST')] [string] $SessionToken,
                [Parameter(ParameterSetName = 'AssumeRole', Mandatory, ValueFromPipelineByPropertyName)] [string] $RoleArn,
                [Parameter(ParameterSetName = 'AssumeRole', Mandatory, ValueFromPipelineByPropertyName)] [string] $SourceProfile,
                [Parameter(ParameterSetName = 'AssumeRole', ValueFromPipelineByPropertyName)] [string] $ExternalID,
                [Parameter(ParameterSetName = 'AssumeRole', ValueFromPipelineByPropertyName)] [string] $MfaSerial,
                [Parameter(ParameterSetName = 'StoredProfile', Mandatory, ValueFromPipelineByPropertyName)] [Alias('StoredCredentials', 'AWSProfileName')] [string] $ProfileName,
                # AWSCredentials stands in as another class our object cannot convert to.
                [Parameter(ParameterSetName = 'AWSCredentialsObject', Mandatory, ValueFromPipeline, ValueFromPipelineByPropertyName)] [System.Net.NetworkCredential] $Credential,
                [Parameter(ParameterSetName = 'StoredProfile', ValueFromPipelineByPropertyName)] [pscredential] $NetworkCredential,
                [Parameter(ValueFromPipelineByPropertyName)] [Alias('AWSProfilesLocation', 'ProfilesLocation')] [string] $ProfileLocation,
                [Parameter(ValueFromPipelineByPropertyName)] [string] $StoreAs,
                [Parameter(ValueFromPipelineByPropertyName)] [string] $Scope
            )
            process { [pscustomobject]@{ Set = $PSCmdlet.ParameterSetName; AccessKey = $AccessKey; SecretKey = $SecretKey; SessionToken = $SessionToken; Bound = @($PSBoundParameters.Keys) } }
        }
    }

    It 'binds to Set-AWSCredential by property name (BasicOrSession) and nothing else' {
        $bound = $cred | Set-AWSCredentialStandIn
        $bound.Set | Should -Be 'BasicOrSession'
        $bound.SecretKey | Should -Be $cred.SecretKey
        $bound.SessionToken | Should -Be $cred.SessionToken
        $bound.Bound | Sort-Object | Should -Be @('AccessKey', 'SecretKey', 'SessionToken')
    }

    It 'shows no secret in its default views or ToString()' {
        foreach ($text in ($cred | Out-String), ($cred | Format-List | Out-String), ($cred | Format-Table | Out-String), $cred.ToString(), "$cred") {
            $text | Should -Not -BeLike "*$($cred.SecretKey)*"
            $text | Should -Not -BeLike "*$($cred.SessionToken)*"
        }
        ($cred | Out-String) | Should -BeLike "*$($cred.AccessKey)*"
    }
}

Describe 'Disconnect-CasAws' {
    It 'forgets the session and wipes what it held' {
        $session = Connect-Bob
        $null = Get-CasAwsCredential -RoleArn CasAdmin
        $session.CachedCredentialCount | Should -Be 1
        Disconnect-CasAws
        $session.HasPassword | Should -BeFalse
        $session.CachedCredentialCount | Should -Be 0
        { Get-CasAwsCredential -RoleArn CasAdmin } | Should -Throw -ErrorId 'NotConnected,*'
        { Disconnect-CasAws } | Should -Not -Throw
    }
}

Describe 'Assemblies' {
    It 'loads no AWS SDK assembly for connect, roles, credentials and disconnect' {
        $script = @"
Import-Module '$(Join-Path $env:CASAWS_REPO_ROOT 'artifacts/CasAws/CasAws.psd1')'
`$c = [pscredential]::new('bob', (ConvertTo-SecureString 'bob-pw' -AsPlainText -Force))
`$null = Connect-CasAws -Server '$Cas' -Credential `$c -CaBundlePath '$Pem'
`$null = Get-CasAwsRole | Get-CasAwsCredential -ErrorAction SilentlyContinue
`$null = Get-CasAwsCredential -RoleArn CasAdmin
Disconnect-CasAws
'loaded:' + (@([AppDomain]::CurrentDomain.GetAssemblies().GetName().Name | Where-Object { `$_ -like 'AWSSDK*' }) -join ',')
"@
        $pwshArguments = @()
        if ([System.IO.Path]::GetFileNameWithoutExtension([Environment]::ProcessPath) -eq 'dotnet') { $pwshArguments += (Join-Path $PSHOME 'pwsh.dll') }
        $output = & ([Environment]::ProcessPath) @pwshArguments -NoProfile -NonInteractive -Command $script
        $output | Should -Contain 'loaded:'
    }
}
