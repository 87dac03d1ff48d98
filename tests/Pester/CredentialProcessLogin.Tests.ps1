# The credential_process helper logging in by itself: the real AWS CLI (Debian's awscli) runs it in a
# real pseudo-terminal (util-linux 'script') against the emulator, whose control endpoint answers the pushes.
BeforeDiscovery {
    Import-Module (Join-Path $env:CASAWS_REPO_ROOT 'tests/Pester/TestSupport/Emulator.psm1') -Force
    $script:NoTerminalTools = $IsWindows -or -not (Get-TestAwsCliPath) -or -not (Get-Command script, setsid -CommandType Application -ErrorAction SilentlyContinue)
}

BeforeAll {
    Import-Module (Join-Path $env:CASAWS_REPO_ROOT 'artifacts/CasAws/CasAws.psd1') -Force
    Import-Module (Join-Path $PSScriptRoot 'TestSupport/Emulator.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'TestSupport/CasAwsFiles.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'TestSupport/PseudoTerminal.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'TestSupport/CapturedProcess.psm1') -Force
    $script:User = 'helen'
    $script:Password = 'Hel3n-pa55 w0rd'
    $script:Role = 'arn:aws:iam::123456789012:role/CasDeveloper'
    $config = Get-CasAwsEmulatorSampleConfig
    $config.users += @{
        username = $script:User; password = $script:Password; mfa = @{ passcodes = @(); push = 'never' }
        attributes = @{ groupMembership = @('aws:ops'); awsroles = @($script:Role) }
    }
    $script:Emu = Start-CasAwsEmulator -Config $config
    $script:Scratch = Enter-CasAwsScratch
    $script:Aws = Get-TestAwsCliPath

    function script:Register-LoginProfile([string] $Name) {
        Register-CasAwsProfile $Name -Server $script:Emu.CasBaseHttps -RoleArn $script:Role -UserName $script:User `
            -CaBundlePath $script:Emu.CertificatePath -Region us-east-1 | Out-Null
    }

    function script:Get-AwsEnvironment {
        @{
            AWS_CONFIG_FILE = $script:Scratch.Config; AWS_SHARED_CREDENTIALS_FILE = $script:Scratch.Credentials
            CASAWS_CACHE_DIR = $script:Scratch.Cache; AWS_PAGER = ''; AWS_EC2_METADATA_DISABLED = 'true'
        }
    }

    # 'trap true INT' keeps the shell alive after Ctrl+C, so the commands after the aws one still run.
    function script:Start-AwsTerminal([string] $Commands) {
        Start-PseudoTerminal -Command "trap true INT; $Commands" -Environment (Get-AwsEnvironment)
    }

    function script:Get-CallerIdentityCommand([string] $Profile) {
        "$script:Aws sts get-caller-identity --profile $Profile --endpoint-url $($script:Emu.StsUrlHttp) --output json; echo `"exit=`$?`""
    }

    # Types the password at the prompt, approves the push it brings, and waits for the terminal's commands to end.
    function script:Complete-ApprovedLogin([object] $Terminal) {
        Wait-PseudoTerminalText $Terminal "Password for $($script:User): "
        $push = Start-CasAwsPushAnswer -Emulator $script:Emu -User $script:User
        Send-PseudoTerminalText $Terminal "$($script:Password)`r"
        $result = Wait-PseudoTerminal $Terminal
        $push | Receive-Job -Wait -AutoRemoveJob | Out-Null
        $result
    }

    function script:Get-CasCallCount {
        @(Get-CasAwsEmulatorRequest -Emulator $script:Emu | Where-Object { $_.path -like '*/actuator/awsSts' }).Count
    }

    function script:Assert-PasswordNowhere([string] $TerminalOutput) {
        $TerminalOutput | Should -Not -BeLike "*$script:Password*"
        foreach ($file in Get-ChildItem -LiteralPath $script:Scratch.Root -Recurse -File) {
            [IO.File]::ReadAllText($file.FullName) | Should -Not -BeLike "*$script:Password*" -Because $file.FullName
        }
    }

    function script:Assert-EchoOn([string] $TerminalOutput) {
        $TerminalOutput | Should -Match '(?m)(^|\s)echo(\s|$)' -Because 'stty -a lists echo as on'
        $TerminalOutput | Should -Not -Match '(^|\s)-echo(\s|$)'
    }
}

AfterAll {
    Exit-CasAwsScratch $script:Scratch
    Stop-CasAwsEmulator $script:Emu
}

Describe 'The credential_process helper at a terminal' -Skip:$script:NoTerminalTools {
    BeforeEach { Reset-CasAwsEmulator -Emulator $script:Emu }

    It 'logs in once for a profile without credentials, answers the AWS CLI, and the next command uses the cache' {
        Register-LoginProfile cas-term
        $terminal = Start-AwsTerminal ((Get-CallerIdentityCommand cas-term) + '; ' + (Get-CallerIdentityCommand cas-term) + '; stty -a')

        $result = Complete-ApprovedLogin $terminal

        $result.TimedOut | Should -BeFalse
        $result.ExitCode | Should -Be 0
        $result.Output | Should -BeLike "*AWS profile 'cas-term' needs a new login to CAS at $($script:Emu.CasBaseHttps) for role $($script:Role).*"
        $result.Output | Should -BeLike '*CasAws: logged in;*'
        ([regex]::Matches($result.Output, 'exit=0')).Count | Should -Be 2
        ([regex]::Matches($result.Output, '"Arn": "arn:aws:sts::123456789012:assumed-role/CasDeveloper/')).Count | Should -Be 2
        ([regex]::Matches($result.Output, 'Password for')).Count | Should -Be 1
        Get-CasCallCount | Should -Be 1
        (Get-CasAwsEmulatorStat -Emulator $script:Emu).pushes | Should -Be 1
        (Get-CasAwsProfile cas-term).CachedUntil | Should -BeGreaterThan ([datetime]::UtcNow.AddMinutes(50))
        Assert-PasswordNowhere $result.Output
        Assert-EchoOn $result.Output
    }

    It 'gives one prompt and one push to several commands started at once; the others wait and use its result' {
        Register-LoginProfile cas-many
        $out = Join-Path $script:Scratch.Root 'many'
        New-Item -ItemType Directory -Path $out | Out-Null
        $export = "$script:Aws configure export-credentials --profile cas-many --format process"
        $terminal = Start-AwsTerminal "$export > $out/1.json & $export > $out/2.json & $export > $out/3.json & wait"

        Wait-PseudoTerminalText $terminal 'another command is logging in' -Count 2
        $result = Complete-ApprovedLogin $terminal

        $result.TimedOut | Should -BeFalse
        ([regex]::Matches($result.Output, 'Password for')).Count | Should -Be 1
        ([regex]::Matches($result.Output, 'using the credentials the other command obtained')).Count | Should -Be 2
        $keys = foreach ($n in 1..3) { (Get-Content -LiteralPath "$out/$n.json" -Raw | ConvertFrom-Json).AccessKeyId }
        @($keys | Sort-Object -Unique).Count | Should -Be 1
        $keys[0] | Should -Match '^ASIA'
        Get-CasCallCount | Should -Be 1
        (Get-CasAwsEmulatorStat -Emulator $script:Emu).pushes | Should -Be 1
        Assert-PasswordNowhere $result.Output
    }

    It 'writes its waiting line on a line of its own, not onto the password prompt of the command it waits for' {
        Register-LoginProfile cas-wait
        $out = Join-Path $script:Scratch.Root 'wait'
        New-Item -ItemType Directory -Path $out | Out-Null
        $export = "$script:Aws configure export-credentials --profile cas-wait --format process"
        # The second command starts once the first one's prompt is on the screen.
        $terminal = Start-AwsTerminal "$export > $out/1.json & while [ ! -e $out/go ]; do sleep 0.1; done; $export > $out/2.json; wait"
        Wait-PseudoTerminalText $terminal "Password for $($script:User): "
        New-Item -ItemType File -Path "$out/go" | Out-Null
        Wait-PseudoTerminalText $terminal 'another command is logging in'
        $result = Complete-ApprovedLogin $terminal

        $result.TimedOut | Should -BeFalse
        $lines = $result.Output -split '\r?\n'
        $lines | Where-Object { $_ -match 'Password for' -and $_ -match 'another command' } | Should -BeNullOrEmpty -Because $result.Output
        ([regex]::Matches($result.Output, 'using the credentials the other command obtained')).Count | Should -Be 1
        Get-CasCallCount | Should -Be 1
    }

    It 'restores echo after Ctrl+C at the password prompt, caches nothing and calls no CAS' {
        Register-LoginProfile cas-cancel
        $terminal = Start-AwsTerminal ((Get-CallerIdentityCommand cas-cancel) + '; stty -a')

        Wait-PseudoTerminalText $terminal "Password for $($script:User): "
        Send-PseudoTerminalText $terminal ([string][char]3)
        $result = Wait-PseudoTerminal $terminal

        $result.TimedOut | Should -BeFalse
        $result.Output | Should -BeLike "*the login for AWS profile 'cas-cancel' was cancelled; nothing was cached.*"
        $result.Output | Should -Not -Match 'exit=0'
        Assert-EchoOn $result.Output
        Get-CasCallCount | Should -Be 0
        (Get-CasAwsProfile cas-cancel).CachedUntil | Should -BeNullOrEmpty
    }

    It 'gives echo back while stopped with Ctrl+Z at the password prompt, and asks again when continued' {
        Register-LoginProfile cas-suspend
        $terminal = Start-AwsTerminal ((Get-CallerIdentityCommand cas-suspend) + '; stty -a')
        Wait-PseudoTerminalText $terminal "Password for $($script:User): "

        Send-PseudoTerminalText $terminal ([string][char]26)
        $deadline = [datetime]::UtcNow.AddSeconds(30)
        do {
            Start-Sleep -Milliseconds 100
            $helper = @(& pgrep -f 'CasAws.CredentialProcess --profile cas-suspend') | Select-Object -First 1
            $state = if ($helper) { ((Get-Content -LiteralPath "/proc/$helper/stat" -Raw -ErrorAction SilentlyContinue) -replace '^.*\) ', '').Split(' ')[0] }
        } until ($state -eq 'T' -or [datetime]::UtcNow -gt $deadline)
        $state | Should -Be 'T' -Because 'Ctrl+Z stops the helper (and the AWS CLI with it)'
        # The helper's own standard input is /dev/null by then; the AWS CLI's is the terminal.
        $awsCli = ((Get-Content -LiteralPath "/proc/$helper/stat" -Raw) -replace '^.*\) ', '').Split(' ')[1]
        $device = (Get-Item -LiteralPath "/proc/$awsCli/fd/0").LinkTarget
        $device | Should -BeLike '/dev/pts/*'
        $whileStopped = & stty -a -F $device
        $group = (& ps -o pgid= -p $helper).Trim()
        & kill -CONT -- "-$group"
        Wait-PseudoTerminalText $terminal "Password for $($script:User): " -Count 2
        $result = Complete-ApprovedLogin $terminal

        "$whileStopped" | Should -Match '(^|\s)echo(\s|$)' -Because 'the shell a stopped login returns to must echo'
        $result.TimedOut | Should -BeFalse
        $result.Output | Should -Match 'exit=0'
        Assert-PasswordNowhere $result.Output
        Assert-EchoOn $result.Output
    }

    It 'shows the wait for the push, and a denied push is one line, a failure and nothing cached' {
        Register-LoginProfile cas-denied
        $terminal = Start-AwsTerminal ((Get-CallerIdentityCommand cas-denied) + '; stty -a')

        Wait-PseudoTerminalText $terminal "Password for $($script:User): "
        Send-PseudoTerminalText $terminal "$($script:Password)`r"
        Wait-PseudoTerminalText $terminal 'approve the Duo push on your phone if one arrives\. Ctrl\+C cancels\. \d+ s'
        Deny-CasAwsPush -Emulator $script:Emu -User $script:User | Out-Null
        $result = Wait-PseudoTerminal $terminal

        $result.TimedOut | Should -BeFalse
        $result.Output | Should -Match "custom-process: CasAws could not log in for AWS profile 'cas-denied': CAS at \S+ answered 'Authentication failed' for user 'helen'\."
        $result.Output | Should -Not -Match 'exit=0'
        Get-CasCallCount | Should -Be 1
        (Get-CasAwsProfile cas-denied).CachedUntil | Should -BeNullOrEmpty
        Assert-PasswordNowhere $result.Output
        Assert-EchoOn $result.Output
    }
}

Describe 'The credential_process helper with an MFA code instead of a Duo push' -Skip:$script:NoTerminalTools {
    BeforeEach { Reset-CasAwsEmulator -Emulator $script:Emu }

    It 'asks for the Google Authenticator code a profile names (without echo), sends it once, and caches the keys' {
        Register-CasAwsProfile cas-gauth -Server $script:Emu.CasBaseHttps -RoleArn $script:Role -UserName grace -MfaProvider GoogleAuthenticator -MfaAccount 1 `
            -CaBundlePath $script:Emu.CertificatePath -Region us-east-1 | Out-Null
        $line = Invoke-TestAwsCli -Arguments @('configure', 'get', 'credential_process', '--profile', 'cas-gauth') -Environment (Get-AwsEnvironment)
        $line.StdOut | Should -BeLike '*--mfa-provider "GoogleAuthenticator" --mfa-account "1"*'
        $terminal = Start-AwsTerminal ((Get-CallerIdentityCommand cas-gauth) + '; ' + (Get-CallerIdentityCommand cas-gauth) + '; stty -a')

        Wait-PseudoTerminalText $terminal 'Password for grace: '
        Send-PseudoTerminalText $terminal "grace-pw`r"
        Wait-PseudoTerminalText $terminal 'Google Authenticator code \(the 6-digit code from your Google Authenticator app\): '
        $code = Get-CasAwsEmulatorMfaCode -Emulator $script:Emu -User grace -Device 1
        Send-PseudoTerminalText $terminal "$code`r"
        $result = Wait-PseudoTerminal $terminal

        $result.TimedOut | Should -BeFalse
        ([regex]::Matches($result.Output, 'exit=0')).Count | Should -Be 2
        ([regex]::Matches($result.Output, 'Google Authenticator code')).Count | Should -Be 1 -Because 'the second command uses the cache'
        $result.Output | Should -Not -BeLike "*$code*" -Because 'the code is read without echo'
        $result.Output | Should -Not -BeLike '*Duo push*'
        $requests = @(Get-CasAwsEmulatorRequest -Emulator $script:Emu | Where-Object { $_.path -like '*/actuator/awsSts' })
        $requests.Count | Should -Be 1
        $requests[0].Outcome | Should -BeLike 'mfa-gauth code accepted*'
        (Get-CasAwsEmulatorStat -Emulator $script:Emu).pushes | Should -Be 0
        (Get-CasAwsProfile cas-gauth).CachedUntil | Should -BeGreaterThan ([datetime]::UtcNow.AddMinutes(50))
        Assert-EchoOn $result.Output
    }

    It 'says in one line that the code was wrong, and caches nothing' {
        Register-CasAwsProfile cas-gauth-bad -Server $script:Emu.CasBaseHttps -RoleArn $script:Role -UserName grace -MfaProvider GoogleAuthenticator `
            -CaBundlePath $script:Emu.CertificatePath -Region us-east-1 | Out-Null
        $terminal = Start-AwsTerminal ((Get-CallerIdentityCommand cas-gauth-bad) + '; stty -a')

        Wait-PseudoTerminalText $terminal 'Password for grace: '
        Send-PseudoTerminalText $terminal "grace-pw`r"
        Wait-PseudoTerminalText $terminal 'Google Authenticator code'
        $real = Get-CasAwsEmulatorMfaCode -Emulator $script:Emu -User grace
        Send-PseudoTerminalText $terminal ("{0:D6}`r" -f ((([int] $real) + 500000) % 1000000))
        $result = Wait-PseudoTerminal $terminal

        $result.TimedOut | Should -BeFalse
        $result.Output | Should -Match "could not log in for AWS profile 'cas-gauth-bad': CAS at \S+ answered 'Authentication failed' for user 'grace': the password is wrong, or the Google Authenticator code was wrong, expired or already used\."
        $result.Output | Should -Not -Match 'exit=0'
        (Get-CasAwsProfile cas-gauth-bad).CachedUntil | Should -BeNullOrEmpty
        Assert-EchoOn $result.Output
    }
}

Describe 'The credential_process helper without a terminal' -Skip:$script:NoTerminalTools {
    It 'never prompts nor reads stdin: it fails at once with the one-line hint and calls no CAS' {
        Register-LoginProfile cas-cron
        Reset-CasAwsEmulator -Emulator $script:Emu
        # setsid: a new session without a controlling terminal, as under cron, CI or an IDE; stdin stays open.
        $info = [System.Diagnostics.ProcessStartInfo]::new('setsid')
        foreach ($argument in '--wait', $script:Aws, 'sts', 'get-caller-identity', '--profile', 'cas-cron', '--endpoint-url', $script:Emu.StsUrlHttp) { $info.ArgumentList.Add($argument) }
        foreach ($name in @($info.Environment.Keys)) { if ($name -like 'AWS_*') { [void] $info.Environment.Remove($name) } }
        $environment = Get-AwsEnvironment
        foreach ($key in $environment.Keys) { $info.Environment[$key] = $environment[$key] }
        $run = Invoke-CapturedProcess -StartInfo $info -TimeoutSeconds 60 -HoldInput

        $run.TimedOut | Should -BeFalse
        $run.ExitCode | Should -Not -Be 0
        $run.StdOut | Should -BeNullOrEmpty
        $run.StdErr | Should -Match "custom-process: CasAws has no cached credentials for profile 'cas-cron'\. Log in again in PowerShell: Import-Module '$([regex]::Escape((Join-Path $env:CASAWS_REPO_ROOT 'artifacts/CasAws/CasAws.psd1')))'; Get-CasAwsCredential -Server '[^']+' -RoleArn '$([regex]::Escape($script:Role))' -UserName '$($script:User)' -CaBundlePath '$([regex]::Escape($script:Emu.CertificatePath))'" -Because 'the hint carries the user and the connection options the profile records'
        Get-CasCallCount | Should -Be 0
    }
}
