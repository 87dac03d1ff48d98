# The emulator as a separate process, driven the way other Pester files drive it (TestSupport/Emulator.psm1).
BeforeAll {
    $script:SupportModule = Join-Path $env:CASAWS_REPO_ROOT 'tests/Pester/TestSupport/Emulator.psm1'
    Import-Module $script:SupportModule -Force
    $config = Get-CasAwsEmulatorSampleConfig
    $config.duo.pushTimeoutSeconds = 3
    $script:Emu = Start-CasAwsEmulator -Config $config

    function script:Invoke-AwsSts([hashtable] $Form, [string] $Base = $script:Emu.CasBaseHttps) {
        Invoke-WebRequest -Method Post -Uri "$Base/actuator/awsSts" -SkipCertificateCheck -SkipHttpErrorCheck `
            -ContentType 'application/x-www-form-urlencoded; charset=UTF-8' -Body $Form
    }
}

AfterAll {
    Stop-CasAwsEmulator $script:Emu
}

Describe 'Emulator: Start-CasAwsEmulator' {
    It 'returns every URL of the ready-file on 127.0.0.1 and a PEM file' {
        foreach ($url in $script:Emu.HttpsUrl, $script:Emu.CasBaseHttps, $script:Emu.StsUrlHttps, $script:Emu.FederationUrl) {
            $url | Should -Match '^https://127\.0\.0\.1:\d+'
        }
        foreach ($url in $script:Emu.HttpUrl, $script:Emu.CasBaseHttp, $script:Emu.StsUrlHttp, $script:Emu.ControlUrl) {
            $url | Should -Match '^http://127\.0\.0\.1:\d+'
        }
        $script:Emu.CasServers.Keys | Should -Contain 'cas-session'
        Get-Content -LiteralPath $script:Emu.CertificatePath -Raw | Should -Match '-----BEGIN CERTIFICATE-----'
    }

    It 'fails with the emulator''s own error when the configuration is wrong' {
        { Start-CasAwsEmulator -Config @{ casServers = @(@{ version = '5.0' }) } } | Should -Throw '*version*5.0*'
    }
}

Describe 'Emulator: the CAS awsSts endpoint over HTTPS' {
    It 'answers the CAS blog''s casuser/Mellon with the [default] INI body' {
        $response = Invoke-AwsSts @{ username = 'casuser'; password = 'Mellon'; duration = 'PT1H' }
        $response.StatusCode | Should -Be 200
        $response.Content | Should -Match '^\[default\]\naws_access_key_id=ASIA[A-Z2-7]{16}\naws_secret_access_key=\S{40}\naws_session_token=\S+\nregion=aws-global\n$'
    }

    It 'answers 401 Authentication failed for a wrong password' {
        $response = Invoke-AwsSts @{ username = 'casuser'; password = 'nope'; duration = 'PT1H' }
        $response.StatusCode | Should -Be 401
        $response.Content | Should -BeExactly 'Authentication failed'
    }

    It 'holds a push open until the control endpoint approves it from another thread' {
        $job = Start-CasAwsPushAnswer -Emulator $script:Emu -User 'frank' -Decision Approve -WaitSeconds 10
        try {
            $response = Invoke-AwsSts @{ username = 'frank'; password = 'frank-pw'; duration = 'PT1H' }
            $decision = $job | Wait-Job -Timeout 20 | Receive-Job
        } finally {
            $job | Remove-Job -Force
        }
        $decision.Decision | Should -Be 'approve'
        $response.StatusCode | Should -Be 200
        (Get-CasAwsEmulatorRequest -Emulator $script:Emu)[-1].Outcome | Should -Match 'push approved'
    }

    It 'fails the login when a push is denied through the control endpoint' {
        $job = Start-CasAwsPushAnswer -Emulator $script:Emu -User 'frank' -Decision Deny -WaitSeconds 10
        try {
            $response = Invoke-AwsSts @{ username = 'frank'; password = 'frank-pw'; duration = 'PT1H' }
            $null = $job | Wait-Job -Timeout 20 | Receive-Job
        } finally {
            $job | Remove-Job -Force
        }
        $response.StatusCode | Should -Be 401
        $response.Content | Should -BeExactly 'Authentication failed'
    }

    It 'lists a pending push with its user and no secret, and forgets it after the timeout' {
        $job = Start-ThreadJob -ScriptBlock {
            Invoke-WebRequest -Method Post -Uri "$(($using:Emu).CasBaseHttp)/actuator/awsSts" -SkipHttpErrorCheck `
                -Body @{ username = 'frank'; password = 'frank-pw'; duration = 'PT1H' }
        }
        try {
            $pending = @(Get-CasAwsPendingPush -Emulator $script:Emu -User 'frank' -WaitSeconds 10)
            $timedOut = $job | Wait-Job -Timeout 20 | Receive-Job
        } finally {
            $job | Remove-Job -Force
        }
        $pending.Count | Should -Be 1
        $pending[0].User | Should -Be 'frank'
        $pending[0].Id | Should -Not -BeNullOrEmpty
        $timedOut.StatusCode | Should -Be 401
        @(Get-CasAwsPendingPush -Emulator $script:Emu -User 'frank').Count | Should -Be 0
    }

    It 'counts pushes, and Reset-CasAwsEmulator makes a used passcode valid again' {
        $before = (Get-CasAwsEmulatorStat -Emulator $script:Emu).pushes
        $first = Invoke-AwsSts @{ username = 'dave'; password = 'dave-pw'; passcode = '555555'; duration = 'PT1H' }
        $reused = Invoke-AwsSts @{ username = 'dave'; password = 'dave-pw'; passcode = '555555'; duration = 'PT1H' }
        Reset-CasAwsEmulator -Emulator $script:Emu
        $afterReset = Invoke-AwsSts @{ username = 'dave'; password = 'dave-pw'; passcode = '555555'; duration = 'PT1H' }
        $first.StatusCode | Should -Be 200
        $reused.StatusCode | Should -Be 401
        $afterReset.StatusCode | Should -Be 200
        $before | Should -BeGreaterThan 0
        (Get-CasAwsEmulatorStat -Emulator $script:Emu).pushes | Should -Be 0
    }

    It 'says clearly when no push turns up to be approved' {
        { Approve-CasAwsPush -Emulator $script:Emu -User 'nobody' -WaitSeconds 0.2 } | Should -Throw "No Duo push for 'nobody' was pending*"
    }

    It 'never writes a password, passcode or secret key to its log' {
        $null = Invoke-AwsSts @{ username = 'dave'; password = 'dave-pw'; passcode = '111111'; duration = 'PT1H' }
        $log = Get-Content -LiteralPath $script:Emu.StdOutPath -Raw
        $log | Should -Match 'user=dave'
        foreach ($secret in 'dave-pw', 'Mellon', '111111', 'frank-pw') { $log | Should -Not -Match ([regex]::Escape($secret)) }
        foreach ($user in (Get-CasAwsEmulatorSampleConfig).sts.iamUsers) { $log | Should -Not -Match ([regex]::Escape($user.secretAccessKey)) }
    }
}
