# Import-CasAwsConnection (issue 22, item 5): an organisation's published connection file, from a path or a
# URL, checked like parameters, never holding a secret; the imported connection then logs in to the emulator.
BeforeAll {
    Import-Module (Join-Path $env:CASAWS_REPO_ROOT 'tests/Pester/TestSupport/Emulator.psm1') -Force
    Import-Module (Join-Path $env:CASAWS_REPO_ROOT 'tests/Pester/TestSupport/CasAwsFiles.psm1') -Force
    Import-Module (Join-Path $env:CASAWS_REPO_ROOT 'artifacts/CasAws/CasAws.psd1') -Force
    $script:Emu = Start-CasAwsEmulator
    $script:SavedConfigDir = $env:CASAWS_CONFIG_DIR
    $env:CASAWS_CONFIG_DIR = Join-Path ([System.IO.Path]::GetTempPath()) "casaws-import-$([guid]::NewGuid().ToString('N').Substring(0, 12))"
    $script:Scratch = Enter-CasAwsScratch
    $script:Work = Join-Path ([System.IO.Path]::GetTempPath()) "casaws-published-$([guid]::NewGuid().ToString('N').Substring(0, 12))"
    New-Item -ItemType Directory -Path $script:Work | Out-Null
    # What the university publishes: the emulator's https CAS, its test CA inline, Duo, 45 minutes, two account names.
    $script:Published = [ordered]@{
        version = 1; name = 'university'; server = $script:Emu.CasBaseHttps; mfaProvider = 'Duo'
        caBundle = Get-Content -LiteralPath $script:Emu.CertificatePath -Raw; durationSeconds = 2700
        accountAliases = [ordered]@{ '123456789012' = 'research-prod'; '210987654321' = 'teaching' }
    }
    # The published file with some fields changed or added.
    function script:With([hashtable] $Changes) {
        $copy = [ordered]@{}
        foreach ($key in $script:Published.Keys) { $copy[$key] = $script:Published[$key] }
        foreach ($key in $Changes.Keys) { $copy[$key] = $Changes[$key] }
        $copy
    }
    function script:Write-ConnectionFile([System.Collections.IDictionary] $Content, [string] $Name = 'connection.json') {
        $path = Join-Path $script:Work $Name
        $Content | ConvertTo-Json -Depth 4 | Set-Content -LiteralPath $path
        $path
    }
    # A web server on 127.0.0.1 that publishes one file (the help desk's), answering each request once.
    function script:Start-FilePublisher([string] $Body, [int] $Status = 200) {
        $probe = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0); $probe.Start(); $port = $probe.LocalEndpoint.Port; $probe.Stop()
        $listener = [System.Net.HttpListener]::new()
        $listener.Prefixes.Add("http://127.0.0.1:$port/")
        $listener.Start()
        $job = Start-ThreadJob -ArgumentList $listener, $Body, $Status -ScriptBlock {
            param($listener, $body, $status)
            $context = $listener.GetContext()
            $bytes = [Text.Encoding]::UTF8.GetBytes($body)
            $context.Response.StatusCode = $status
            $context.Response.OutputStream.Write($bytes, 0, $bytes.Length)
            $context.Response.Close()
        }
        [pscustomobject]@{ Url = "http://127.0.0.1:$port/casaws/connection.json"; Listener = $listener; Job = $job }
    }
    function script:Stop-FilePublisher($Publisher) {
        $Publisher.Listener.Stop()
        $Publisher.Job | Remove-Job -Force
    }
}

AfterAll {
    Disconnect-CasAws
    Exit-CasAwsScratch $script:Scratch
    Remove-Item -LiteralPath $env:CASAWS_CONFIG_DIR, $script:Work -Recurse -Force -ErrorAction SilentlyContinue
    $env:CASAWS_CONFIG_DIR = $script:SavedConfigDir
    Stop-CasAwsEmulator $script:Emu
}

Describe 'Import-CasAwsConnection' {
    It 'is a documented cmdlet that outputs the saved connection' {
        (Get-Command Import-CasAwsConnection).OutputType.Name | Should -Be 'CasAws.Connections.SavedConnection'
        (Get-Command Import-CasAwsConnection).Parameters.Keys | Should -Contain 'WhatIf'
    }

    It '-WhatIf checks the file and saves nothing' {
        $path = Write-ConnectionFile $script:Published
        Import-CasAwsConnection $path -WhatIf | Should -BeNullOrEmpty
        Get-CasAwsConnection | Should -BeNullOrEmpty
        Test-Path (Join-Path $env:CASAWS_CONFIG_DIR 'ca-bundles') | Should -BeFalse
    }

    It 'saves the published connection, which then logs in with only the user''s own password and Duo push' {
        $path = Write-ConnectionFile $script:Published
        $saved = Import-CasAwsConnection $path

        $saved.Name | Should -Be 'university'
        $saved.Server | Should -Be $script:Emu.CasBaseHttps
        $saved.Duration | Should -Be ([timespan]::FromMinutes(45))
        $saved.AccountAliases['123456789012'] | Should -Be 'research-prod'
        $saved.CaBundlePath | Should -Be (Join-Path $env:CASAWS_CONFIG_DIR 'ca-bundles/university.pem')
        (Get-CasAwsConnection university).IsDefault | Should -BeTrue

        # The imported CA bundle is what makes the emulator's https CAS trusted: no -CaBundlePath here.
        $user = [pscredential]::new('casuser', (ConvertTo-SecureString 'Mellon' -AsPlainText -Force))
        $session = Connect-CasAws -Credential $user -WarningAction SilentlyContinue
        $session.Server | Should -Be $script:Emu.CasBaseHttps
    }

    It 'fetches the file from the organisation''s web server with -Uri' {
        $publisher = Start-FilePublisher ((With @{ name = 'from-web' }) | ConvertTo-Json -Depth 4)
        try {
            $saved = Import-CasAwsConnection -Uri $publisher.Url
        } finally {
            Stop-FilePublisher $publisher
        }
        $saved.Name | Should -Be 'from-web'
        $saved.AccountAliases['210987654321'] | Should -Be 'teaching'
    }

    It 'names the web server''s refusal' {
        $publisher = Start-FilePublisher 'gone' 404
        try {
            Import-CasAwsConnection -Uri $publisher.Url -ErrorAction SilentlyContinue -ErrorVariable failure
        } finally {
            Stop-FilePublisher $publisher
        }
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'ConnectionFileUnreadable,*'
        $failure[0].Exception.Message | Should -Match 'HTTP 404'
    }

    It 'refuses a URL that would fetch the file unencrypted from another computer' {
        Import-CasAwsConnection -Uri 'http://it.example.edu/connection.json' -ErrorAction SilentlyContinue -ErrorVariable failure
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'ConnectionFileUnreadable,*'
        $failure[0].Exception.Message | Should -Match 'plain http'
    }

    It 'refuses a file with a password field whole, saving nothing and showing no value' {
        $before = @(Get-CasAwsConnection).Count
        $path = Write-ConnectionFile (With @{ name = 'leaky'; password = 'Mellon-Secret-123' }) 'leaky.json'

        Import-CasAwsConnection $path -ErrorAction SilentlyContinue -ErrorVariable failure -Verbose 4>&1 | Out-String | Should -Not -Match 'Mellon-Secret-123'
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'ConnectionFileHoldsSecret,*'
        "$failure" | Should -Not -Match 'Mellon-Secret-123'
        @(Get-CasAwsConnection).Count | Should -Be $before
        Get-CasAwsConnection leaky -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        Get-ChildItem -LiteralPath $env:CASAWS_CONFIG_DIR -Recurse -File | Get-Content -Raw | Should -Not -Match 'Mellon-Secret-123'
    }

    It 'refuses a setting that fails the rule its parameter has' {
        $path = Write-ConnectionFile ([ordered]@{ server = $script:Emu.CasBaseHttps; endpointPath = 'https://elsewhere.example.com/awsSts' }) 'elsewhere.json'
        Import-CasAwsConnection $path -ErrorAction SilentlyContinue -ErrorVariable failure
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'ConnectionFileInvalid,*'
    }
}
