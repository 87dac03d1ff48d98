# Get-CasAwsChainedCredential: AssumeRole from CAS-issued credentials into another role (issue 5).
BeforeAll {
    Import-Module (Join-Path $env:CASAWS_REPO_ROOT 'tests/Pester/TestSupport/Emulator.psm1') -Force
    Import-Module (Join-Path $env:CASAWS_REPO_ROOT 'artifacts/CasAws/CasAws.psd1') -Force
    $script:Emulator = Start-CasAwsEmulator
    $env:AWS_ENDPOINT_URL_STS = $script:Emulator.StsUrlHttp
    $script:RoleServer = $script:Emulator.CasServers['cas'].CasBaseHttp
    $script:CasUser = [pscredential]::new('casuser', (ConvertTo-SecureString 'Mellon' -AsPlainText -Force))
    $script:Target = 'arn:aws:iam::123456789012:role/ChainTarget'
    $user = (Get-CasAwsEmulatorSampleConfig).sts.iamUsers | Where-Object userName -EQ 'cli/cli-user'
    $script:CliUser = [CasAws.Credentials.CasAwsCredential]::new($user.accessKeyId, $user.secretAccessKey, '', [datetime]::UtcNow.AddHours(1))
    $script:CliMfaSecret = $user.mfaSecret
    $script:CliMfaSerial = $user.mfaSerialNumber
    Connect-CasAws -Server $script:RoleServer -Credential $script:CasUser -WarningAction SilentlyContinue | Out-Null
    $script:Source = Get-CasAwsCredential

    function Get-StsRequestCount {
        @(Get-CasAwsEmulatorRequest -Emulator $script:Emulator | Where-Object Path -Like '/sts*').Count
    }
}

AfterAll {
    Disconnect-CasAws
    Remove-Item Env:AWS_ENDPOINT_URL_STS -ErrorAction SilentlyContinue
    if ($script:Emulator) { Stop-CasAwsEmulator $script:Emulator }
}

Describe 'Get-CasAwsChainedCredential' {
    It 'assumes the role and outputs the same credential object, with account and role filled' {
        (Get-Command Get-CasAwsChainedCredential).OutputType.Name | Should -Be 'CasAws.Credentials.CasAwsCredential'
        $chained = $script:Source | Get-CasAwsChainedCredential -RoleArn $script:Target

        $chained | Should -BeOfType ([CasAws.Credentials.CasAwsCredential])
        $chained.AccessKey | Should -Match '^ASIA'
        $chained.AccessKey | Should -Not -Be $script:Source.AccessKey
        $chained.AccountId | Should -BeExactly '123456789012'
        $chained.AssumedRoleArn | Should -BeExactly $script:Target
        $chained.Expiration | Should -BeGreaterThan ([datetime]::UtcNow.AddMinutes(55))
        $chained.Expiration | Should -BeLessThan ([datetime]::UtcNow.AddMinutes(61))
    }

    It 'names the CAS user as the role session (not a UUID), and the result pipes on' {
        $identity = $script:Source | Get-CasAwsChainedCredential $script:Target | Get-CasAwsCallerIdentity

        $identity.Arn | Should -BeExactly 'arn:aws:sts::123456789012:assumed-role/ChainTarget/casuser'
    }

    It 'uses the session credentials when none are piped, and takes a -RoleSessionName' {
        $identity = Get-CasAwsChainedCredential $script:Target -RoleSessionName 'ticket-4711@ops' | Get-CasAwsCallerIdentity

        $identity.Arn | Should -BeExactly 'arn:aws:sts::123456789012:assumed-role/ChainTarget/ticket-4711@ops'
    }

    It "explains STS's 1-hour role-chaining cap before asking STS for the role" {
        Reset-CasAwsEmulator -Emulator $script:Emulator
        $script:Source | Get-CasAwsChainedCredential $script:Target -Duration 01:30:00 -ErrorAction SilentlyContinue -ErrorVariable failure

        $failure[0].FullyQualifiedErrorId | Should -BeLike 'RoleChainingDurationExceeded,*'
        $failure[0].Exception.Message | Should -Match 'role chaining'
        $failure[0].Exception.Message | Should -Match '-Duration 01:00:00'
        # CAS chose this session's role, so whether the keys are role keys is asked of STS (GetCallerIdentity); no AssumeRole.
        @(Get-CasAwsEmulatorRequest -Emulator $script:Emulator | Where-Object Action -EQ 'sts:AssumeRole').Count | Should -Be 0
    }

    It 'allows more than an hour from long-term user keys (not chaining), after asking STS who they are' {
        $chained = $script:CliUser | Get-CasAwsChainedCredential $script:Target -Duration 02:00:00

        $chained.Expiration | Should -BeGreaterThan ([datetime]::UtcNow.AddMinutes(115))
    }

    It 'passes -ExternalId, and reports AccessDenied with what to do when it is missing' {
        $partner = 'arn:aws:iam::123456789012:role/ExternalPartner'
        ($script:Source | Get-CasAwsChainedCredential $partner -ExternalId 'casaws-external-id').AssumedRoleArn | Should -Be $partner

        $script:Source | Get-CasAwsChainedCredential $partner -ErrorAction SilentlyContinue -ErrorVariable failure
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'StsAccessDenied,*'
        $failure[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
        $failure[0].TargetObject | Should -Be $partner
        $failure[0].Exception.Message | Should -Match 'trust policy'
    }

    It 'passes AWS MFA (-SerialNumber and -TokenCode)' {
        $mfaRole = 'arn:aws:iam::123456789012:role/MfaRequired'
        $code = Get-TotpCode -Secret $script:CliMfaSecret -Time (Get-CasAwsEmulatorTime $script:Emulator)
        ($script:CliUser | Get-CasAwsChainedCredential $mfaRole -SerialNumber $script:CliMfaSerial -TokenCode $code).AssumedRoleArn | Should -Be $mfaRole

        $script:CliUser | Get-CasAwsChainedCredential $mfaRole -SerialNumber $script:CliMfaSerial -TokenCode 000000 -ErrorAction SilentlyContinue -ErrorVariable failure
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'StsAccessDenied,*'
        $failure[0].Exception.Message | Should -Match 'MultiFactorAuthentication'
    }

    It 'keeps the leading zero of a code typed without quotes' {
        # Move the emulator's clock to the next 30-second step whose code starts with 0, and type that code unquoted.
        $now = Get-CasAwsEmulatorTime $script:Emulator
        $steps = 1..400 | Where-Object { (Get-TotpCode -Secret $script:CliMfaSecret -Time $now.AddSeconds(30 * $_)) -like '0*' } | Select-Object -First 1
        Move-CasAwsEmulatorClock -Emulator $script:Emulator -Seconds (30 * $steps)
        $code = Get-TotpCode -Secret $script:CliMfaSecret -Time (Get-CasAwsEmulatorTime $script:Emulator)
        $code | Should -BeLike '0*'
        $chained = & ([scriptblock]::Create("`$args[0] | Get-CasAwsChainedCredential arn:aws:iam::123456789012:role/MfaRequired -SerialNumber `$args[1] -TokenCode $code")) $script:CliUser $script:CliMfaSerial

        $chained.AssumedRoleArn | Should -Be 'arn:aws:iam::123456789012:role/MfaRequired'
    }

    It 'checks its parameters before any call' -TestCases @(
        @{ Parameters = @{ RoleArn = 'ChainTarget' }; Id = 'ChainRoleArnInvalid' }
        @{ Parameters = @{ RoleArn = 'arn:aws:iam::123456789012:role/ChainTarget'; Duration = '00:10:00' }; Id = 'DurationOutOfRange' }
        @{ Parameters = @{ RoleArn = 'arn:aws:iam::123456789012:role/ChainTarget'; RoleSessionName = 'has space' }; Id = 'RoleSessionNameInvalid' }
        @{ Parameters = @{ RoleArn = 'arn:aws:iam::123456789012:role/ChainTarget'; ExternalId = 'x' }; Id = 'ExternalIdInvalid' }
        @{ Parameters = @{ RoleArn = 'arn:aws:iam::123456789012:role/ChainTarget'; TokenCode = '123456' }; Id = 'MfaParameterInvalid' }
        @{ Parameters = @{ RoleArn = 'arn:aws:iam::123456789012:role/ChainTarget'; SerialNumber = 'arn:aws:iam::123456789012:mfa/cli-user' }; Id = 'MfaParameterInvalid' }
    ) {
        Reset-CasAwsEmulator -Emulator $script:Emulator
        $err = { $script:Source | Get-CasAwsChainedCredential @Parameters } | Should -Throw -PassThru

        $err.FullyQualifiedErrorId | Should -BeLike "$Id,*"
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        Get-StsRequestCount | Should -Be 0
    }

    It "maps STS's own refusal of the duration (the role's maximum)" {
        $short = 'arn:aws:iam::123456789012:role/ExternalPartner'
        $script:CliUser | Get-CasAwsChainedCredential $short -ExternalId 'casaws-external-id' -Duration 02:00:00 -ErrorAction SilentlyContinue -ErrorVariable failure

        $failure[0].FullyQualifiedErrorId | Should -BeLike 'StsValidationError,*'
        $failure[0].Exception.Message | Should -Match 'MaxSessionDuration'
    }
}
