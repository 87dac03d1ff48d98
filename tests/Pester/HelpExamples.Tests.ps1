# Every example of docs/help/*.md and every PowerShell block of the README runs as written against the emulator,
# each in a fresh runspace with a scratch ~/.aws and cache. The few that cannot run offline are listed in $NotOffline with the reason.
BeforeDiscovery {
    # One place: the examples that cannot run here, and why.
    $script:NotOffline = @{
        'Connect-CasAws #3'              = 'a company CA file and an explicit proxy that exist only in the example'
        'Connect-CasAws #4'              = 'logs in in a browser (OpenID Connect): OpenIdConnect.Tests.ps1 drives that login against the emulator'
        'Connect-CasAws #5'              = 'waits for a login in a browser (OpenID Connect): OpenIdConnect.Tests.ps1 drives that login against the emulator'
        'Connect-CasAws #9'              = 'waits for a login in a browser through an SSH forward: OpenIdConnect.Tests.ps1 covers -RedirectPort and -UserName against the emulator'
        'Connect-CasAws #10'             = 'reads a pasted address at a prompt: OidcBrowserLoginTests and NoBrowserLoginTests paste one against the emulator'
        'Connect-CasAws #6'              = 'live Google Authenticator and YubiKey codes, the first typed at a prompt: MfaProviders.Tests.ps1 logs in with both against the emulator (real TOTP and Yubico OTPs)'
        'ConvertTo-CasAwsEnvironment #2' = 'starts pwsh with redirected output: Terminal.Tests.ps1 runs it in a pseudo-terminal'
        'Get-CasAwsChainedCredential #1' = "assumes a role in another AWS account; the emulator's STS plays one account"
        'Get-CasAwsChainedCredential #2' = "assumes a role in another AWS account; the emulator's STS plays one account"
        'Get-CasAwsChainedCredential #3' = "assumes a role in another AWS account, then opens a browser"
        'Get-CasAwsConsoleUrl #1'        = "signs in at AWS's real federation endpoint and opens a browser"
        'Get-CasAwsConsoleUrl #2'        = "signs in at AWS's real federation endpoint and uses the clipboard"
        'Get-CasAwsConsoleUrl #3'        = "signs in at AWS's real federation endpoint and opens a browser"
        'Get-CasAwsConsoleUrl #4'        = "signs in at AWS's real federation endpoint: StsConsole.Tests.ps1 runs it with -FederationUrl against the emulator's"
        'Get-CasAwsConsoleUrl #5'        = "signs in at AWS's real federation endpoint and opens a browser: StsConsole.Tests.ps1 follows -LogoutFirst through the emulator's logout"
        'Get-CasAwsConsoleUrl #6'        = "opens Chrome at AWS's real federation endpoint: StsConsole.Tests.ps1 opens two roles in a stand-in Chromium's profiles"
        'Import-CasAwsConnection #1'     = 'fetches from an organisation web server that exists only in the example: ImportConnection.Tests.ps1 imports with -Uri from one on 127.0.0.1'
        'Get-CasAwsCredential #5'        = 'lists Amazon S3 buckets (aws s3 ls), which the emulator does not serve'
        'Get-CasAwsCredential #6'        = 'a live Google Authenticator code in $code for device 2: MfaProviders.Tests.ps1 and SavedConnections.Tests.ps1 run such runbook logins against the emulator'
        'Invoke-CasAwsCommand #1'        = 'lists Amazon S3 buckets (aws s3 ls), which the emulator does not serve'
        'Invoke-CasAwsCommand #2'        = "runs the AWS CLI against STS; this machine's AWS CLI (2.9) ignores AWS_ENDPOINT_URL_STS, so it would call AWS's real STS"
        'Invoke-CasAwsCommand #3'        = 'runs terraform'
        'Invoke-CasAwsCommand #4'        = 'lists an Amazon S3 bucket (aws s3 ls), which the emulator does not serve'
        'Invoke-CasAwsCommand #5'        = 'syncs to Amazon S3 (aws s3 sync), which the emulator does not serve: KeepFresh.Emulator.Tests.ps1 runs the AWS CLI in -KeepFresh against its STS'
        'Register-CasAwsProfile #1'      = 'lists Amazon S3 buckets (aws s3 ls), which the emulator does not serve'
        'Register-CasAwsProfile #4'      = 'a company CA file that exists only in the example, and aws s3 ls after a password typed at a terminal (CredentialProcessLogin.Tests.ps1 tests that login)'
        'Unregister-CasAwsProfile #2'    = 'asks for confirmation (-Confirm), which needs a person at the prompt'
        'README #1'                      = 'installs from the PowerShell Gallery, which is not reachable here (Package.Tests.ps1 installs the built package from a local feed)'
        'README #2'                      = 'the quick start installs both packages and starts the emulator in a second terminal: QuickStart.Tests.ps1 follows it in a fresh home'
        'README #7'                      = 'syncs to Amazon S3 (aws s3 sync), which the emulator does not serve: KeepFresh.Emulator.Tests.ps1 runs the AWS CLI in -KeepFresh against its STS'
        'README #8'                      = 'installs from an organisation feed that exists only in the example (Package.Tests.ps1 installs from a local feed)'
        'README #4'                      = 'logs in in a browser (OpenID Connect): OpenIdConnect.Tests.ps1 drives that login against the emulator'
        'README #5'                      = "assumes a role in another AWS account and opens a browser at AWS's real federation endpoint"
        'README #6'                      = "runs the AWS CLI in Invoke-CasAwsCommand; this machine's AWS CLI (2.9) ignores AWS_ENDPOINT_URL_STS, so it would call AWS's real STS"
    }

    $script:Examples = foreach ($file in Get-ChildItem (Join-Path $env:CASAWS_REPO_ROOT 'docs/help') -Filter '*-*.md' | Sort-Object Name) {
        $lines = Get-Content -LiteralPath $file.FullName
        $number = 0; $inExample = $false; $code = $null
        foreach ($line in $lines) {
            if ($line -match '^### Example (\d+)') { $number = [int] $Matches[1]; $inExample = $true; continue }
            if ($line -match '^## ') { $inExample = $false; continue }
            if ($inExample -and $null -eq $code -and $line -eq '```powershell') { $code = [System.Collections.Generic.List[string]]::new(); continue }
            if ($null -ne $code -and $line -eq '```') {
                $name = "$($file.BaseName) #$number"
                @{ Name = $name; Code = ($code -join "`n"); Reason = $script:NotOffline[$name] }
                $code = $null; $inExample = $false; continue
            }
            if ($null -ne $code) { $code.Add($line) }
        }
    }
    # An example whose aws line logs in at a terminal (CredentialProcessLogin.Tests.ps1 tests that login):
    # its PowerShell lines run here.
    foreach ($example in $script:Examples | Where-Object Name -EQ 'Register-CasAwsProfile #5') {
        $example.Code = ($example.Code -split "`n" | Where-Object { $_ -notmatch '^aws ' }) -join "`n"
    }
    # The README's PowerShell blocks, numbered in order.
    $number = 0; $code = $null
    foreach ($line in Get-Content -LiteralPath (Join-Path $env:CASAWS_REPO_ROOT 'README.md')) {
        if ($null -eq $code -and $line -eq '```powershell') { $number++; $code = [System.Collections.Generic.List[string]]::new(); continue }
        if ($null -ne $code -and $line -eq '```') {
            $script:Examples += @{ Name = "README #$number"; Code = ($code -join "`n"); Reason = $script:NotOffline["README #$number"] }
            $code = $null; continue
        }
        if ($null -ne $code) { $code.Add($line) }
    }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport/Emulator.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'TestSupport/CasAwsFiles.psm1') -Force
    $script:ModulePath = Join-Path $env:CASAWS_REPO_ROOT 'artifacts/CasAws/CasAws.psd1'
    $script:StandIn = Join-Path $PSScriptRoot 'TestSupport/AwsToolsStandIn.psm1'

    # The user and the roles the examples name, in the emulator's one AWS account.
    $config = Get-CasAwsEmulatorSampleConfig
    $roles = 'Dev', 'Developer', 'Deploy', 'Admin', 'Prod' | ForEach-Object { "arn:aws:iam::123456789012:role/$_" }
    $config.users += @{ username = 'jdoe'; password = 'jdoe-pw'; attributes = @{ awsroles = $roles }; mfa = @{ passcodes = @('123456'); push = 'approve'; pushAfterSeconds = 0 } }
    foreach ($arn in $roles) { $config.sts.roles += @{ arn = $arn; maxSessionDurationSeconds = 43200; trustedPrincipals = @('arn:aws:iam::123456789012:user/cas-server') } }
    $script:Emu = Start-CasAwsEmulator -Config $config
    # The servers the examples name, and what the user would type at the prompts.
    $script:Servers = @{
        'https://sso.example.org/cas'      = $script:Emu.CasServers['cas'].CasBaseHttps
        'https://sso-test.example.org/cas' = $script:Emu.CasServers['cas64'].CasBaseHttps
        'https://sts.eu-central-1.amazonaws.com' = $script:Emu.StsUrlHttp
    }
    $script:Jdoe = [pscredential]::new('jdoe', (ConvertTo-SecureString 'jdoe-pw' -AsPlainText -Force))
    # What an example takes as already done.
    $script:Given = @{
        'Get-CasAwsProfile #2'       = 'Register-CasAwsProfile cas-prod -RoleArn Prod | Out-Null'
        'Unregister-CasAwsProfile #1' = 'Register-CasAwsProfile cas-prod -RoleArn Prod | Out-Null'
        'Unregister-CasAwsProfile #3' = 'Register-CasAwsProfile cas-prod -RoleArn Prod | Out-Null; Get-CasAwsCredential -RoleArn Dev -StoreAs cas-dev -WarningAction SilentlyContinue | Out-Null; Remove-Item -Recurse -Force (Join-Path $env:CASAWS_CACHE_DIR credentials)'
        'Remove-CasAwsConnection #1'  = 'Connect-CasAws -Server https://sso-test.example.org/cas -Name lab | Out-Null'
        'Import-CasAwsConnection #2'  = 'Set-Location (Split-Path $env:CASAWS_CACHE_DIR); @{ server = ''https://sso.example.org/cas''; caBundlePath = $PSDefaultParameterValues[''Connect-CasAws:CaBundlePath''] } | ConvertTo-Json | Set-Content ./connection.json'
        'README #3'                   = '$url = ''https://sso.example.org/cas''; $cred = Get-Credential; $arn = ''arn:aws:iam::123456789012:role/Dev'''
    }

    function Invoke-Example([string] $Name, [string] $Code) {
        if ($script:Given[$Name]) { $Code = $script:Given[$Name] + "`n" + $Code }
        foreach ($server in $script:Servers.Keys) { $Code = $Code.Replace($server, $script:Servers[$server]) }
        $Code = $Code.Replace('./artifacts/CasAws/CasAws.psd1', $script:ModulePath)   # the README's path from a clone
        $scratch = Enter-CasAwsScratch
        Reset-CasAwsEmulator $script:Emu
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript({
                param($Module, $StandIn, $Cas, $Pem, $Sts, $Jdoe)
                Import-Module $Module
                Import-Module $StandIn
                # The user's answers to the prompts a runspace cannot show, and trust in the emulator's test CA.
                $global:PSDefaultParameterValues = @{
                    'Connect-CasAws:Credential' = $Jdoe; 'Get-CasAwsCredential:Credential' = $Jdoe
                    'Connect-CasAws:CaBundlePath' = $Pem; 'Get-CasAwsCredential:CaBundlePath' = $Pem
                }
                $global:TypedCredential = $Jdoe
                function global:Get-Credential { $global:TypedCredential }
                function global:Get-Secret { $global:TypedCredential }
                $global:code = '123456'
                function global:Read-Host { $global:code }   # the code the user types at the prompt
                $env:AWS_ENDPOINT_URL_STS = $Sts; $env:AWS_ENDPOINT_URL = $Sts; $env:AWS_DEFAULT_REGION = 'us-east-1'
                function global:aws { /usr/bin/aws @args; if ($LASTEXITCODE) { throw "aws $args failed with exit code $LASTEXITCODE" } }
                Disconnect-CasAws
                $null = Connect-CasAws -Server $Cas -RoleArn Dev -WarningAction SilentlyContinue   # the session most examples start from: a default role
            }).AddArgument($script:ModulePath).AddArgument($script:StandIn).AddArgument($script:Servers['https://sso.example.org/cas']).AddArgument($script:Emu.CertificatePath).AddArgument($script:Emu.StsUrlHttp).AddArgument($script:Jdoe)
            $null = $ps.Invoke()
            $ps.Streams.Error | Should -BeNullOrEmpty -Because 'the examples start from a working session'
            $ps.Commands.Clear()
            $output = $ps.AddScript($Code).Invoke()
            [pscustomobject]@{ Output = @($output); Errors = @($ps.Streams.Error) }
        } finally {
            $ps.AddScript('Disconnect-CasAws').Invoke() | Out-Null
            $ps.Dispose()
            Exit-CasAwsScratch $scratch
            foreach ($name in 'AWS_ENDPOINT_URL_STS', 'AWS_ENDPOINT_URL', 'AWS_DEFAULT_REGION', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN',
                'AWS_CREDENTIAL_EXPIRATION', 'AWS_ACCOUNT_ID', 'AWS_REGION') { Remove-Item "Env:$name" -ErrorAction SilentlyContinue }
        }
    }
}

AfterAll {
    Stop-CasAwsEmulator $script:Emu
}

Describe 'Help example <Name>' -ForEach $script:Examples {
    It 'runs as written against the emulator' -Skip:([bool] $Reason) {
        $result = Invoke-Example $Name $Code
        $result.Errors | ForEach-Object { "$_" } | Should -BeNullOrEmpty -Because "docs/help example '$Name' must run: $Code"
    }
}

Describe 'The list of examples that cannot run offline' -ForEach @(@{ Known = @($script:Examples.Name); Listed = @($script:NotOffline.Keys) }) {
    It 'names only examples that exist' {
        $Known.Count | Should -BeGreaterThan 30
        foreach ($name in $Listed) { $Known | Should -Contain $name }
    }
}
