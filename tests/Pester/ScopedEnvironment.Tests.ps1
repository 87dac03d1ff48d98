# Invoke-CasAwsCommand (credentials in the environment for one command, then everything restored)
# and ConvertTo-CasAwsEnvironment (the same variables for another shell).
BeforeDiscovery {
    Import-Module (Join-Path $env:CASAWS_REPO_ROOT 'tests/Pester/TestSupport/Emulator.psm1') -Force
    $script:NoCli = -not (Get-TestAwsCliPath)
    $script:NoBash = -not (Get-Command bash -CommandType Application -ErrorAction SilentlyContinue)
}

BeforeAll {
    Import-Module (Join-Path $env:CASAWS_REPO_ROOT 'artifacts/CasAws/CasAws.psd1') -Force
    Import-Module (Join-Path $PSScriptRoot 'TestSupport/CasAwsFiles.psm1') -Force
    $script:Names = 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_CREDENTIAL_EXPIRATION', 'AWS_ACCOUNT_ID',
        'AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_SECURITY_TOKEN', 'AWS_PROFILE', 'AWS_DEFAULT_PROFILE', 'AWS_CREDENTIAL_FILE', 'AWS_SDK_LOAD_CONFIG'

    function script:Get-AwsVariables { $table = @{}; foreach ($name in $script:Names) { $table[$name] = [Environment]::GetEnvironmentVariable($name) }; $table }
}

Describe 'Invoke-CasAwsCommand' {
    BeforeEach {
        $script:Outside = Get-AwsVariables
        foreach ($name in $script:Names) { [Environment]::SetEnvironmentVariable($name, $null) }
        $env:AWS_PROFILE = 'my-profile'
        $env:AWS_REGION = 'us-west-2'
        $env:AWS_SECURITY_TOKEN = 'old-style'
        $script:Before = Get-AwsVariables
    }
    AfterEach {
        foreach ($name in $script:Names) { [Environment]::SetEnvironmentVariable($name, $script:Outside[$name]) }
    }

    It 'sets the credentials, clears what would override them, and restores every variable' {
        $credential = New-CasAwsTestCredential

        $inside = $credential | Invoke-CasAwsCommand { Get-AwsVariables }

        $inside.AWS_ACCESS_KEY_ID | Should -Be $credential.AccessKey
        $inside.AWS_SECRET_ACCESS_KEY | Should -Be $credential.SecretKey
        $inside.AWS_SESSION_TOKEN | Should -Be $credential.SessionToken
        $inside.AWS_CREDENTIAL_EXPIRATION | Should -Be $credential.Expiration.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'")
        $inside.AWS_ACCOUNT_ID | Should -Be '123456789012'
        $inside.AWS_PROFILE | Should -BeNullOrEmpty
        $inside.AWS_SECURITY_TOKEN | Should -BeNullOrEmpty
        $inside.AWS_REGION | Should -Be 'us-west-2' -Because 'no real region came with the credentials, so the user''s stays'
        $after = Get-AwsVariables
        foreach ($name in $script:Names) { $after[$name] | Should -Be $script:Before[$name] -Because $name }
    }

    It 'sets AWS_REGION and AWS_DEFAULT_REGION when the credentials carry a real region' {
        $inside = New-CasAwsTestCredential -Region 'eu-central-1' | Invoke-CasAwsCommand { Get-AwsVariables }

        $inside.AWS_REGION | Should -Be 'eu-central-1'
        $inside.AWS_DEFAULT_REGION | Should -Be 'eu-central-1'
        $env:AWS_REGION | Should -Be 'us-west-2'
        $env:AWS_DEFAULT_REGION | Should -BeNullOrEmpty
    }

    It 'passes arguments and sees the caller''s variables' {
        $local = 'from-caller'

        $result = New-CasAwsTestCredential | Invoke-CasAwsCommand { param($a, $b) "$a $b $local" } 'one' 'two'

        $result | Should -Be 'one two from-caller'
    }

    It 'restores every variable after the script block throws' {
        { New-CasAwsTestCredential | Invoke-CasAwsCommand { throw 'boom' } } | Should -Throw '*boom*'

        $after = Get-AwsVariables
        foreach ($name in $script:Names) { $after[$name] | Should -Be $script:Before[$name] -Because $name }
    }

    It 'restores every variable when stopped with Ctrl+C (StopProcessing)' {
        $credential = New-CasAwsTestCredential
        $module = Join-Path $env:CASAWS_REPO_ROOT 'artifacts/CasAws/CasAws.psd1'
        $shell = [powershell]::Create()
        try {
            [void] $shell.AddScript('param($module, $credential) Import-Module $module; $credential | Invoke-CasAwsCommand { Start-Sleep -Seconds 60 }').
                AddArgument($module).AddArgument($credential)
            $handle = $shell.BeginInvoke()
            $deadline = [datetime]::UtcNow.AddSeconds(30)
            while ($env:AWS_ACCESS_KEY_ID -ne $credential.AccessKey -and [datetime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 20 }
            $env:AWS_ACCESS_KEY_ID | Should -Be $credential.AccessKey -Because 'the command must be running with the credentials set'

            $shell.Stop()

            $handle.IsCompleted | Should -BeTrue
            $shell.InvocationStateInfo.State | Should -Be 'Stopped'
        } finally {
            $shell.Dispose()
        }
        $after = Get-AwsVariables
        foreach ($name in $script:Names) { $after[$name] | Should -Be $script:Before[$name] -Because $name }
    }

    It 'runs an external program with the variables in its environment' -Skip:$IsWindows {
        $credential = New-CasAwsTestCredential

        $lines = $credential | Invoke-CasAwsCommand -FilePath env

        $lines | Should -Contain "AWS_ACCESS_KEY_ID=$($credential.AccessKey)"
        $lines | Should -Contain "AWS_SESSION_TOKEN=$($credential.SessionToken)"
        $lines | Where-Object { $_ -like 'AWS_PROFILE=*' } | Should -BeNullOrEmpty
        $env:AWS_ACCESS_KEY_ID | Should -BeNullOrEmpty
    }

    It 'refuses expired credentials' {
        { New-CasAwsTestCredential -Life ([TimeSpan]::FromMinutes(-1)) | Invoke-CasAwsCommand { 'ran' } -ErrorAction Stop } |
            Should -Throw -ErrorId 'CredentialExpired,CasAws.Commands.InvokeCasAwsCommandCommand'
    }
}

Describe 'Invoke-CasAwsCommand with the real AWS CLI' -Skip:$script:NoCli {
    BeforeAll { $script:Scratch = Enter-CasAwsScratch }
    AfterAll { Exit-CasAwsScratch $script:Scratch }

    It 'hands the credentials to the AWS CLI, which reports them as environment credentials' {
        $credential = New-CasAwsTestCredential -AccessKey 'ASIAENVIRONMENT00001'

        $json = $credential | Invoke-CasAwsCommand { /usr/bin/aws configure export-credentials --format process } | Out-String | ConvertFrom-Json

        $LASTEXITCODE | Should -Be 0
        $json.AccessKeyId | Should -Be 'ASIAENVIRONMENT00001'
        $json.SecretAccessKey | Should -Be $credential.SecretKey
        $json.SessionToken | Should -Be $credential.SessionToken
    }
}

Describe 'ConvertTo-CasAwsEnvironment' {
    It 'writes PowerShell that sets exactly the values, quoting them' {
        $credential = [CasAws.Credentials.CasAwsCredential]::new('ASIAQUOTE', "it's `$secret", 'tok+/=', [datetime]::UtcNow.AddHours(1))

        $lines = $credential | ConvertTo-CasAwsEnvironment
        $inside = & {
            $previous = $env:AWS_SECRET_ACCESS_KEY, $env:AWS_PROFILE
            try {
                $env:AWS_PROFILE = 'will-be-cleared'
                Invoke-Expression ($lines -join "`n")
                @{ Secret = $env:AWS_SECRET_ACCESS_KEY; Profile = $env:AWS_PROFILE }
            } finally {
                foreach ($name in 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_CREDENTIAL_EXPIRATION', 'AWS_ACCOUNT_ID') { [Environment]::SetEnvironmentVariable($name, $null) }
                $env:AWS_SECRET_ACCESS_KEY, $env:AWS_PROFILE = $previous
            }
        }

        $inside.Secret | Should -BeExactly "it's `$secret"
        $inside.Profile | Should -BeNullOrEmpty
    }

    It 'writes bash that a real bash evaluates to exactly the values' -Skip:$script:NoBash {
        $credential = [CasAws.Credentials.CasAwsCredential]::new('ASIAQUOTE', "it's `$HOME ``x``", 'tok+/=', [datetime]::UtcNow.AddHours(1))
        $script = (($credential | ConvertTo-CasAwsEnvironment -Shell Bash) -join "`n") + "`nprintf '%s|%s|%s' `"`$AWS_SECRET_ACCESS_KEY`" `"`$AWS_SESSION_TOKEN`" `"`${AWS_PROFILE-unset}`""

        $output = & bash -c $script

        $output | Should -BeExactly "it's `$HOME ``x``|tok+/=|unset"
    }

    It 'writes cmd.exe and fish syntax' {
        $credential = New-CasAwsTestCredential -Region 'eu-west-1'

        $cmd = $credential | ConvertTo-CasAwsEnvironment -Shell Cmd
        $fish = $credential | ConvertTo-CasAwsEnvironment -Shell Fish

        $cmd | Should -Contain "set `"AWS_ACCESS_KEY_ID=$($credential.AccessKey)`""
        $cmd | Should -Contain 'set AWS_PROFILE='
        $cmd | Should -Contain 'set "AWS_REGION=eu-west-1"'
        $fish | Should -Contain "set -gx AWS_SECRET_ACCESS_KEY '$($credential.SecretKey)'"
        $fish | Should -Contain 'set -e AWS_PROFILE'
    }
}
