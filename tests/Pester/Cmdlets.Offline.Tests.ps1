# The cmdlets' checks that need no CAS server: exports, and failures before (or instead of) any call.
BeforeAll {
    $script:ModulePath = Join-Path $env:CASAWS_REPO_ROOT 'artifacts/CasAws/CasAws.psd1'
    Import-Module $script:ModulePath -Force
    $script:Credential = [pscredential]::new('jdoe', (ConvertTo-SecureString 'not-used-offline' -AsPlainText -Force))

    function Get-FreeLoopbackPort {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop(); $port
    }
}

AfterAll {
    Disconnect-CasAws
}

Describe 'CasAws core cmdlets (offline)' {
    It 'exports the four core cmdlets from the built module' {
        $names = (Get-Module CasAws).ExportedCmdlets.Keys
        foreach ($name in 'Connect-CasAws', 'Get-CasAwsRole', 'Get-CasAwsCredential', 'Disconnect-CasAws') {
            $names | Should -Contain $name
        }
    }

    It 'declares an OutputType on every cmdlet' {
        (Get-Command Connect-CasAws).OutputType.Name | Should -Be 'CasAws.Session.CasAwsSession'
        (Get-Command Get-CasAwsRole).OutputType.Name | Should -Be 'CasAws.Credentials.CasAwsRole'
        (Get-Command Get-CasAwsCredential).OutputType.Name | Should -Be 'CasAws.Credentials.CasAwsCredential'
    }

    It 'asks for -Credential by name when the host cannot prompt' {
        $err = { Connect-CasAws -Server https://127.0.0.1:9/cas } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'CredentialRequired,*'
        $err.Exception.Message | Should -BeLike '*-Credential*'
    }

    It 'refuses a duration outside STS bounds before any call' -TestCases @(
        @{ Duration = '00:10:00'; RoleArn = $null }
        @{ Duration = '13:00:00'; RoleArn = 'arn:aws:iam::111111111111:role/Dev' }
        @{ Duration = '1.13:00:00'; RoleArn = $null }
    ) {
        $parameters = @{ Server = 'https://127.0.0.1:9/cas'; Credential = $script:Credential; Duration = $Duration }
        if ($RoleArn) { $parameters.RoleArn = $RoleArn }
        $err = { Connect-CasAws @parameters } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'DurationOutOfRange,*'
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
    }

    It 'takes -Duration as seconds or ISO 8601 too' {
        $err = { Connect-CasAws -Server https://127.0.0.1:9/cas -Credential $script:Credential -Duration 600 } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'DurationOutOfRange,*'
        $err = { Connect-CasAws -Server https://127.0.0.1:9/cas -Credential $script:Credential -Duration PT10M } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'DurationOutOfRange,*'
    }

    It 'refuses plain http to another computer' {
        $err = { Connect-CasAws -Server http://sso.example.org/cas -Credential $script:Credential } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'InsecureServerUrl,*'
    }

    It 'reports a refused connection with the server as target' {
        $server = "https://127.0.0.1:$(Get-FreeLoopbackPort)/cas"
        $err = { Connect-CasAws -Server $server -Credential $script:Credential } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'CasConnectionRefused,*'
        $err.CategoryInfo.Category | Should -Be 'ConnectionError'
        $err.TargetObject | Should -Be $server
    }

    It 'says to connect first when there is no session' {
        Disconnect-CasAws
        $err = { Get-CasAwsRole } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'NotConnected,*'
        $err = { Get-CasAwsCredential } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'NotConnected,*'
    }

    It 'refuses an unreadable CA bundle' {
        $file = Join-Path ([IO.Path]::GetTempPath()) "casaws-not-pem-$PID.pem"
        Set-Content -LiteralPath $file -Value 'not a certificate'
        try {
            $err = { Connect-CasAws -Server https://127.0.0.1:9/cas -Credential $script:Credential -CaBundlePath $file } | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -BeLike 'CaBundleUnreadable,*'
        } finally { Remove-Item -LiteralPath $file }
    }
}
