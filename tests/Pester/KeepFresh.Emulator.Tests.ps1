# Credentials that outlive -Duration: Invoke-CasAwsCommand -KeepFresh and Start-CasAwsCredentialServer serve
# them on 127.0.0.1 by the container-credentials protocol and renew them ahead of expiry. The real AWS CLI and
# a .NET program on the AWS SDK's default chain keep calling the emulator's STS across expiries (the emulator's
# clock is moved so keys expire at once), with one CAS login per renewal.
# Runs early: it waits for renewals in real time.
BeforeDiscovery {
    Import-Module (Join-Path $env:CASAWS_REPO_ROOT 'tests/Pester/TestSupport/Emulator.psm1') -Force
    $script:NoCli = -not (Get-TestAwsCliPath)
    $script:NoOtherUser = -not ($IsLinux -and (Get-Command runuser -CommandType Application -ErrorAction SilentlyContinue) -and
        (Get-Command curl -CommandType Application -ErrorAction SilentlyContinue) -and ((id -u) -eq '0'))
}

BeforeAll {
    Import-Module (Join-Path $env:CASAWS_REPO_ROOT 'tests/Pester/TestSupport/Emulator.psm1') -Force
    Import-Module (Join-Path $env:CASAWS_REPO_ROOT 'tests/Pester/TestSupport/CapturedProcess.psm1') -Force
    Import-Module (Join-Path $env:CASAWS_REPO_ROOT 'artifacts/CasAws/CasAws.psd1') -Force
    $script:Emu = Start-CasAwsEmulator
    $script:Developer = 'arn:aws:iam::123456789012:role/CasDeveloper'
    # erin's phone approves each Duo push after 2 s: every CAS login below is a real push.
    Connect-CasAws -Server $script:Emu.CasBaseHttps -Credential ([pscredential]::new('erin', (ConvertTo-SecureString 'erin-pw' -AsPlainText -Force))) -CaBundlePath $script:Emu.CertificatePath | Out-Null

    function script:Get-CasLoginCount {
        @(Get-CasAwsEmulatorRequest $script:Emu | ForEach-Object { $_ } | Where-Object { $_.path -like '*awsSts*' }).Count
    }
    function script:Wait-CasLoginCount([int] $AtLeast, [int] $TimeoutSeconds = 90) {
        $deadline = [datetime]::UtcNow.AddSeconds($TimeoutSeconds)
        while ((Get-CasLoginCount) -lt $AtLeast) {
            if ([datetime]::UtcNow -gt $deadline) { throw "No renewal within $TimeoutSeconds s (CAS logins: $(Get-CasLoginCount), expected $AtLeast)." }
            Start-Sleep -Milliseconds 200
        }
    }
    # The variables the block gives a child: every AWS_* and NO_PROXY, as Invoke-TestAwsCli passes them on.
    function script:Get-ChildAwsEnvironment {
        $table = @{}
        foreach ($item in Get-ChildItem env: | Where-Object { $_.Name -like 'AWS_*' -or $_.Name -in 'NO_PROXY', 'no_proxy' }) { $table[$item.Name] = $item.Value }
        $table
    }
    function script:Invoke-CliInBlock {
        Invoke-TestAwsCli -Emulator $script:Emu -Environment (Get-ChildAwsEnvironment) -Arguments @('sts', 'get-caller-identity', '--endpoint-url', $script:Emu.StsUrlHttp, '--output', 'json')
    }
    # The renewals of $Server, the CAS logins and the Duo pushes, read between two renewals: no push pending
    # (a push is counted when it is sent, its login when CAS answers) and no renewal ended between the reads
    # (the emulator logs a login as it answers, a moment before the renewal counts it).
    function script:Get-SettledCount([object] $Server) {
        $deadline = [datetime]::UtcNow.AddSeconds(60)
        do {
            if ([datetime]::UtcNow -gt $deadline) { throw 'The renewals never paused for a count within 60 s.' }
            $renewals = $Server.Renewals
            $pending = @(Get-CasAwsPendingPush -Emulator $script:Emu)
            $pushes = (Get-CasAwsEmulatorStat $script:Emu).pushes
            $logins = Get-CasLoginCount
            Start-Sleep -Milliseconds 500
        } while ($pending.Count -gt 0 -or $Server.Renewals -ne $renewals -or @(Get-CasAwsPendingPush -Emulator $script:Emu).Count -gt 0)
        [pscustomobject]@{ Renewals = $renewals; Logins = $logins; Pushes = $pushes }
    }
    # 15-minute keys renewed when 14 min 56 s are left: a renewal every 4 s of real time.
    $script:Fast = @{ RoleArn = $script:Developer; Duration = 900; RenewBefore = 896 }
}

AfterAll {
    Get-CasAwsCredentialServer | Stop-CasAwsCredentialServer -Confirm:$false
    Disconnect-CasAws
    Stop-CasAwsEmulator $script:Emu
}

Describe 'Invoke-CasAwsCommand -KeepFresh with the real AWS CLI' -Skip:$script:NoCli {
    It 'keeps the CLI working across two expiries with one CAS login per renewal, and no keys in its environment' {
        $before = Get-CasLoginCount
        $pushesBefore = (Get-CasAwsEmulatorStat $script:Emu).pushes

        $run = Invoke-CasAwsCommand -KeepFresh @script:Fast {
            $rounds = foreach ($round in 1..3) {
                if ($round -gt 1) {
                    Move-CasAwsEmulatorClock -Emulator $script:Emu -Seconds 900   # every key issued so far is now expired at STS
                    Wait-CasLoginCount -AtLeast ((Get-CasLoginCount) + 1)
                }
                $cli = Invoke-CliInBlock
                [pscustomobject]@{ Round = $round; ExitCode = $cli.ExitCode; Arn = $cli.Json.Arn; StdErr = $cli.StdErr }
            }
            $counts = Get-SettledCount (Get-CasAwsCredentialServer | Where-Object StartedBy -EQ 'Invoke-CasAwsCommand -KeepFresh')
            [pscustomobject]@{
                Rounds   = $rounds
                Renewals = $counts.Renewals
                Logins   = $counts.Logins - $before
                Pushes   = $counts.Pushes - $pushesBefore
                Child    = (& /usr/bin/env) -join "`n"
            }
        }

        foreach ($round in $run.Rounds) {
            $round.ExitCode | Should -Be 0 -Because "round $($round.Round): $($round.StdErr)"
            $round.Arn | Should -BeLike 'arn:aws:sts::123456789012:assumed-role/CasDeveloper/*'
        }
        $run.Renewals | Should -BeGreaterOrEqual 2
        $run.Logins | Should -Be (1 + $run.Renewals) -Because 'one CAS login for the first keys, then exactly one per renewal'
        $run.Pushes | Should -Be $run.Logins -Because 'each login was one Duo push'
        $run.Child | Should -Match '(?m)^AWS_CONTAINER_CREDENTIALS_FULL_URI=http://127\.0\.0\.1:\d+/'
        $run.Child | Should -Match '(?m)^AWS_CONTAINER_AUTHORIZATION_TOKEN='
        $run.Child | Should -Not -Match '(?m)^AWS_(ACCESS_KEY_ID|SECRET_ACCESS_KEY|SESSION_TOKEN|CONTAINER_CREDENTIALS_RELATIVE_URI)='
        $run.Child | Should -Match '(?m)^NO_PROXY=(.*,)?127\.0\.0\.1(,|$)'
    }
}

Describe 'Invoke-CasAwsCommand -KeepFresh with a .NET program on the AWS SDK''s default chain' {
    BeforeAll {
        $script:SdkClient = Join-Path $env:CASAWS_REPO_ROOT 'tests/Tools/CasAws.SdkClient/bin/Release/net10.0/CasAws.SdkClient.dll'
    }

    It 'keeps one running program working across two expiries, renewing by itself from the endpoint' {
        Test-Path $script:SdkClient | Should -BeTrue -Because 'build.ps1 builds tests/Tools/CasAws.SdkClient'
        $before = Get-CasLoginCount

        # Another duration than the CLI test's, so the first keys are a CAS login of their own, not the session's cached ones.
        # Renewed when 15 min 56 s are left: every 4 s of real time.
        $run = Invoke-CasAwsCommand -KeepFresh -RoleArn $script:Developer -Duration 960 -RenewBefore 956 {
            $info = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
            $info.ArgumentList.Add($script:SdkClient)
            $info.ArgumentList.Add($script:Emu.StsUrlHttp)
            $info.RedirectStandardInput = $true
            $info.RedirectStandardOutput = $true
            $info.UseShellExecute = $false
            $info.Environment['AWS_CONFIG_FILE'] = Join-Path $TestDrive 'no-config'
            $info.Environment['AWS_SHARED_CREDENTIALS_FILE'] = Join-Path $TestDrive 'no-credentials'
            $info.Environment['AWS_EC2_METADATA_DISABLED'] = 'true'
            $program = [System.Diagnostics.Process]::Start($info)
            try {
                function Send([string] $Command) { $program.StandardInput.WriteLine($Command); $program.StandardInput.Flush(); $program.StandardOutput.ReadLine() }
                $null = $program.StandardOutput.ReadLine()   # ready
                $log = [System.Collections.Generic.List[string]]::new()
                $log.Add((Send 'env'))
                $log.Add('round 1: ' + (Send 'call'))
                foreach ($round in 2..3) {
                    Move-CasAwsEmulatorClock -Emulator $script:Emu -Seconds 900
                    Wait-CasLoginCount -AtLeast ((Get-CasLoginCount) + 1)
                    # The SDK (4.x) uses keys with under 15 min left once more while it fetches new ones in the
                    # background; keys do not really expire at once, only the moved clock makes that call fail.
                    $log.Add("round ${round}a: " + (Send 'call'))
                    Start-Sleep -Milliseconds 500
                    $log.Add("round ${round}b: " + (Send 'call'))
                }
                $null = Send 'quit'
                $counts = Get-SettledCount (Get-CasAwsCredentialServer | Where-Object StartedBy -EQ 'Invoke-CasAwsCommand -KeepFresh')
                [pscustomobject]@{ Log = $log; Renewals = $counts.Renewals; Logins = $counts.Logins - $before }
            } finally {
                if (-not $program.HasExited) { $program.Kill() }
            }
        }

        $text = $run.Log -join "`n"
        $run.Log[0] | Should -Be 'env AWS_ACCESS_KEY_ID=unset AWS_SECRET_ACCESS_KEY=unset AWS_SESSION_TOKEN=unset AWS_CONTAINER_CREDENTIALS_FULL_URI=set AWS_CONTAINER_AUTHORIZATION_TOKEN=set AWS_CONTAINER_CREDENTIALS_RELATIVE_URI=unset'
        $run.Log[1] | Should -Match '^round 1: ok ASIA\S+ arn:aws:sts::123456789012:assumed-role/CasDeveloper/' -Because $text
        $keys = foreach ($round in 2..3) {
            $line = $run.Log | Where-Object { $_ -like "round ${round}b: *" }
            $line | Should -Match '^round \db: ok (ASIA\S+) arn:aws:sts::123456789012:assumed-role/CasDeveloper/' -Because $text
            ($line -split ' ')[3]
        }
        $first = ($run.Log[1] -split ' ')[3]
        @($first) + $keys | Select-Object -Unique | Should -HaveCount 3 -Because "the program used the first keys and two renewals' keys without a restart: $text"
        $run.Logins | Should -Be (1 + $run.Renewals) -Because 'one CAS login for the first keys, then exactly one per renewal'
    }
}

Describe 'The endpoint refuses' {
    It 'a missing or wrong token, and anything once the block has ended' {
        $seen = Invoke-CasAwsCommand -KeepFresh -RoleArn $script:Developer -Duration 900 {
            $url = $env:AWS_CONTAINER_CREDENTIALS_FULL_URI
            $token = $env:AWS_CONTAINER_AUTHORIZATION_TOKEN
            $missing = Invoke-WebRequest -Uri $url -SkipHttpErrorCheck -NoProxy
            # The last character changed: to 'B' where it is 'A' already (one token in 16 ends so), else the wrong token would be the right one.
            $wrong = Invoke-WebRequest -Uri $url -Headers @{ Authorization = $token.Substring(0, $token.Length - 1) + $(if ($token[-1] -ceq 'A') { 'B' } else { 'A' }) } -SkipHttpErrorCheck -NoProxy
            $bearer = Invoke-WebRequest -Uri $url -Headers @{ Authorization = "Bearer $token" } -SkipHttpErrorCheck -NoProxy
            $right = Invoke-WebRequest -Uri $url -Headers @{ Authorization = $token } -SkipHttpErrorCheck -NoProxy
            [pscustomobject]@{ Url = $url; Token = $token; Missing = $missing; Wrong = $wrong; Bearer = $bearer; Right = $right }
        }

        $seen.Url | Should -Match '^http://127\.0\.0\.1:\d+/casaws/credentials$'
        $seen.Token.Length | Should -BeGreaterOrEqual 43 -Because '256 random bits, base64url'
        $seen.Missing.StatusCode | Should -Be 401
        $seen.Missing.Content | Should -BeLike '*AWS_CONTAINER_AUTHORIZATION_TOKEN*'
        $seen.Wrong.StatusCode | Should -Be 403
        $seen.Bearer.StatusCode | Should -Be 403 -Because 'the token is sent exactly as written, as the SDKs do'
        $seen.Right.StatusCode | Should -Be 200
        $json = $seen.Right.Content | ConvertFrom-Json -AsHashtable
        $json.AccessKeyId | Should -Match '^ASIA'
        $json.Token | Should -Not -BeNullOrEmpty
        $seen.Right.Content | Should -Match '"Expiration":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"' -Because 'botocore needs a zone, .NET reads a value without one as local time'
        $json.AccountId | Should -Be '123456789012'
        { Invoke-WebRequest -Uri $seen.Url -Headers @{ Authorization = $seen.Token } -NoProxy -TimeoutSec 5 } | Should -Throw -Because 'the endpoint is gone once the block ends'
        @(Get-CasAwsCredentialServer | Where-Object StartedBy -EQ 'Invoke-CasAwsCommand -KeepFresh') | Should -HaveCount 0
        $env:AWS_CONTAINER_CREDENTIALS_FULL_URI | Should -BeNullOrEmpty
    }

    It 'the endpoint is gone when the block fails' {
        $script:url = $null
        { Invoke-CasAwsCommand -KeepFresh -RoleArn $script:Developer -Duration 900 { $script:url = $env:AWS_CONTAINER_CREDENTIALS_FULL_URI; throw 'block failed' } } | Should -Throw '*block failed*'
        $script:url | Should -Not -BeNullOrEmpty
        { Invoke-WebRequest -Uri $script:url -NoProxy -TimeoutSec 5 } | Should -Throw
    }

    It 'another local user, even with the right token' -Skip:$script:NoOtherUser {
        $answer = Invoke-CasAwsCommand -KeepFresh -RoleArn $script:Developer -Duration 900 {
            & runuser -u nobody -- curl -s -o /dev/null -w '%{http_code}' -H "Authorization: $env:AWS_CONTAINER_AUTHORIZATION_TOKEN" $env:AWS_CONTAINER_CREDENTIALS_FULL_URI
        }
        $answer | Should -Be '403'
    }
}

Describe 'Start-CasAwsCredentialServer' {
    It 'serves a role for other shells until stopped, one per role, and never shows its token' {
        $server = Start-CasAwsCredentialServer -RoleArn $script:Developer -Duration 900 -Name dev -Verbose 4>&1 3>&1 2>&1 | Tee-Object -Variable streams | Where-Object { $_ -is [CasAws.CredentialServer.CasAwsCredentialServer] }
        try {
            $server.Url | Should -Match '^http://127\.0\.0\.1:\d+/casaws/credentials$'
            $server.Role | Should -Be 'CasDeveloper'
            $server.TimeLeft.TotalMinutes | Should -BeGreaterThan 10
            $token = $server.GetAuthorizationToken()
            ($streams | Out-String) + ($server | Format-List * | Out-String) | Should -Not -BeLike "*$token*"
            $bash = $server | ConvertTo-CasAwsEnvironment -Shell Bash
            ($bash -join "`n") | Should -BeLike "*export AWS_CONTAINER_AUTHORIZATION_TOKEN='$token'*"
            ($bash -join "`n") | Should -Match "unset AWS_ACCESS_KEY_ID"
            (Get-CasAwsCredentialServer -Name dev).Url | Should -Be $server.Url
            { Start-CasAwsCredentialServer -RoleArn $script:Developer -Duration 900 -Name other -ErrorAction Stop } | Should -Throw -ErrorId 'CredentialServerExists*'
            (Invoke-WebRequest -Uri $server.Url -Headers @{ Authorization = $token } -NoProxy).StatusCode | Should -Be 200
        } finally {
            Stop-CasAwsCredentialServer -Name dev -Confirm:$false
        }
        { Invoke-WebRequest -Uri $server.Url -Headers @{ Authorization = $token } -NoProxy -TimeoutSec 5 } | Should -Throw
        { Get-CasAwsCredentialServer -Name dev -ErrorAction Stop } | Should -Throw -ErrorId 'CredentialServerNotFound*'
    }

    It 'says (-Verbose) what it would cost, and with -WhatIf starts nothing' {
        $said = Start-CasAwsCredentialServer -RoleArn $script:Developer -Duration 900 -WhatIf -Verbose 4>&1 | Out-String
        $said | Should -BeLike '*1 per renewal*'
        @(Get-CasAwsCredentialServer) | Should -HaveCount 0
    }
}

Describe 'Get-CasAwsStatus' {
    It 'shows the session''s CAS logins, the role''s minutes left and the running endpoint, without calling anything' {
        $server = Start-CasAwsCredentialServer -RoleArn $script:Developer -Duration 900 -Name status
        Set-CasAwsAccountAlias 123456789012 research-prod | Out-Null
        try {
            $requests = @(Get-CasAwsEmulatorRequest $script:Emu | ForEach-Object { $_ }).Count
            $status = Get-CasAwsStatus -NoProfiles
            @(Get-CasAwsEmulatorRequest $script:Emu | ForEach-Object { $_ }).Count | Should -Be $requests -Because 'the status comes from memory'

            $session = $status | Where-Object Kind -EQ 'Session'
            $session.Name | Should -BeLike 'erin at *'
            $session.CasLogins | Should -Be (Get-CasLoginCount) -Because 'every CAS login of this test file was this session''s'
            $credential = $status | Where-Object { $_.Kind -eq 'Credential' -and $_.Name -eq $script:Developer -and $_.Renews -like "*endpoint 'status'*" }
            $credential | Should -HaveCount 1
            $credential.Role | Should -Be 'CasDeveloper'
            $credential.AccountId | Should -Be '123456789012'
            $credential.AccountAlias | Should -Be 'research-prod' -Because 'the saved connection names the account'
            $credential.MinutesLeft | Should -BeGreaterThan 4 -Because 'the session reuses keys with more than 5 minutes left'
            $credential.MinutesLeft | Should -BeLessOrEqual 15
            $endpoint = $status | Where-Object { $_.Kind -eq 'Endpoint' -and $_.Name -like 'status http://127.0.0.1:*' }
            $endpoint.Role | Should -Be 'CasDeveloper'
            $endpoint.AccountAlias | Should -Be 'research-prod'
            ($status | Format-Table | Out-String -Width 300) | Should -Match 'research-prod \(123456789012\)'
            $endpoint.Renews | Should -BeLike 'one CAS login and Duo push*'
            ($status | Out-String) | Should -Not -BeLike "*$($server.GetAuthorizationToken())*"
        } finally {
            Stop-CasAwsCredentialServer -Name status -Confirm:$false
            Remove-CasAwsAccountAlias 123456789012 -Confirm:$false
        }
        (Get-CasAwsStatus -NoProfiles | Where-Object Kind -EQ 'Credential').AccountAlias | Where-Object { $_ } | Should -BeNullOrEmpty -Because 'no alias is known once it is removed'
    }
}
