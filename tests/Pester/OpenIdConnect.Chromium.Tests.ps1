# The whole OpenID Connect login in a real browser: Connect-CasAws opens Debian's headless Chromium through
# BROWSER, a DevTools-protocol driver types into the emulator's login page and presses the Duo push button,
# the push is approved through the emulator's control API, and the session gets role credentials the AWS CLI uses.
BeforeDiscovery {
    Import-Module (Join-Path $env:CASAWS_REPO_ROOT 'tests/Pester/TestSupport/Emulator.psm1') -Force
    $script:NoChromium = -not $IsLinux
    $script:NoCli = -not (Get-TestAwsCliPath)
}

BeforeAll {
    Import-Module (Join-Path $env:CASAWS_REPO_ROOT 'artifacts/CasAws/CasAws.psd1') -Force
    Import-Module (Join-Path $env:CASAWS_REPO_ROOT 'tests/Pester/TestSupport/Emulator.psm1') -Force
    Import-Module (Join-Path $env:CASAWS_REPO_ROOT 'tests/Pester/OidcSupport/CdpBrowser.psm1') -Force
    Import-Module (Join-Path $env:CASAWS_REPO_ROOT 'tests/Pester/TestSupport/Prerequisites.psm1') -Force
    $script:Work = Join-Path ([IO.Path]::GetTempPath()) "casaws-chromium-$([Guid]::NewGuid().ToString('N'))"
    New-Item -ItemType Directory -Path $script:Work | Out-Null
    $script:Saved = @{ BROWSER = $env:BROWSER; AWS_ENDPOINT_URL_STS = $env:AWS_ENDPOINT_URL_STS; AWS_REGION = $env:AWS_REGION }
}

AfterAll {
    Disconnect-CasAws -ErrorAction Ignore
    if ($script:Launcher) { Stop-Chromium $script:Launcher }
    if ($script:Emu) { Stop-CasAwsEmulator $script:Emu }
    foreach ($name in $script:Saved.Keys) { if ($null -eq $script:Saved[$name]) { Remove-Item "env:$name" -ErrorAction Ignore } else { Set-Item "env:$name" $script:Saved[$name] } }
    Remove-Item -LiteralPath $script:Work -Recurse -Force -ErrorAction Ignore
}

Describe 'OpenIdConnect in headless Chromium' -Skip:$script:NoChromium {
    It 'logs in with user name, password and an approved Duo push; the AWS CLI uses the role credentials' {
        $installed = Wait-TestPrerequisite chromium
        if (-not (Get-ChromiumPath)) { Set-ItResult -Skipped -Because "chromium is not installed ($installed)"; return }
        $script:Emu = Start-CasAwsEmulator
        $script:Launcher = New-ChromiumLauncher -Directory $script:Work
        $env:BROWSER = $script:Launcher.Launcher
        $env:AWS_ENDPOINT_URL_STS = $script:Emu.StsUrlHttp
        $env:AWS_REGION = 'us-east-1'

        $driver = Start-ThreadJob -ArgumentList (Join-Path $env:CASAWS_REPO_ROOT 'tests/Pester/OidcSupport/CdpBrowser.psm1'), (Join-Path $env:CASAWS_REPO_ROOT 'tests/Pester/TestSupport/Emulator.psm1'), $script:Launcher, $script:Emu -ScriptBlock {
            param($cdpModule, $emulatorModule, $launcher, $emu)
            Import-Module $cdpModule, $emulatorModule
            $page = Connect-CdpPage -Launcher $launcher -TimeoutSeconds 90
            try {
                Wait-CdpCondition $page "document.querySelector('#username')" -TimeoutSeconds 60
                Set-CdpField $page '#username' 'frank'
                Set-CdpField $page '#password' 'frank-pw'
                Invoke-CdpClick $page '#submit'
                Wait-CdpCondition $page "document.querySelector('#push')"
                Invoke-CdpClick $page '#push'
                Approve-CasAwsPush -Emulator $emu -User frank -WaitSeconds 30 | Out-Null
                Wait-CdpCondition $page "document.title === 'CasAws: logged in'" -TimeoutSeconds 60
                Invoke-CdpScript $page "document.querySelector('#detail').innerText"
            } finally {
                Disconnect-CdpPage $page
            }
        }
        try {
            $session = Connect-CasAws -Server $script:Emu.CasBaseHttp -OpenIdConnect -TimeoutSec 150 -WarningAction SilentlyContinue
            $tab = $driver | Wait-Job -Timeout 120 | Receive-Job
        } finally {
            $driver | Remove-Job -Force
        }

        $tab | Should -Match 'received your CAS login for frank'
        $session.UserName | Should -Be 'frank'
        (Get-CasAwsRole).RoleName | Should -Be 'CasDeveloper'
        $credential = Get-CasAwsCredential
        $credential.AccessKey | Should -Match '^ASIA'
        if (-not $script:NoCli) {
            $result = Invoke-TestAwsCli -Emulator $script:Emu -Environment @{ AWS_ACCESS_KEY_ID = $credential.AccessKey; AWS_SECRET_ACCESS_KEY = $credential.SecretKey; AWS_SESSION_TOKEN = $credential.SessionToken } `
                -Arguments @('sts', 'get-caller-identity', '--endpoint-url', $script:Emu.StsUrlHttp, '--output', 'json')
            $result.ExitCode | Should -Be 0 -Because $result.StdErr
            $result.Json.Arn | Should -Be 'arn:aws:sts::123456789012:assumed-role/CasDeveloper/frank'
        }
    }
}
