# Issue 22, item 1 with a browser login: ONE login (one Duo push in the browser) serves a profile per role. The
# profiles come from Get-CasAwsRole | Register-CasAwsProfile -NameTemplate, and the real AWS CLI runs each profile's
# helper, which renews its role silently from the cached id_token (AssumeRoleWithWebIdentity); CAS's awsSts is
# never called and no second browser login happens. (A password + Duo login costs each role its own push: CAS's
# awsSts answers one role per login; ProfilesForEveryRole.Tests.ps1 shows that side.)
BeforeDiscovery {
    Import-Module (Join-Path $env:CASAWS_REPO_ROOT 'tests/Pester/TestSupport/Emulator.psm1') -Force
    $script:NoCli = -not (Get-TestAwsCliPath)
}

BeforeAll {
    Import-Module (Join-Path $env:CASAWS_REPO_ROOT 'tests/Pester/TestSupport/Emulator.psm1') -Force
    Import-Module (Join-Path $env:CASAWS_REPO_ROOT 'tests/Pester/TestSupport/CasAwsFiles.psm1') -Force
    Import-Module (Join-Path $env:CASAWS_REPO_ROOT 'tests/Pester/OidcSupport/OidcBrowserStandIn.psm1') -Force
    Import-Module (Join-Path $env:CASAWS_REPO_ROOT 'artifacts/CasAws/CasAws.psd1') -Force
    $script:Emu = Start-CasAwsEmulator
    $script:Server = $script:Emu.CasBaseHttp
    $script:Scratch = Enter-CasAwsScratch
    $script:Saved = @{ BROWSER = $env:BROWSER; AWS_ENDPOINT_URL_STS = $env:AWS_ENDPOINT_URL_STS; AWS_REGION = $env:AWS_REGION; CASAWS_CONFIG_DIR = $env:CASAWS_CONFIG_DIR }
    $env:CASAWS_CONFIG_DIR = Join-Path $script:Scratch.Root 'settings'
    $script:Recorder = New-UrlRecorder -Directory $script:Scratch.Root
    $env:BROWSER = $script:Recorder.Command
    $env:AWS_ENDPOINT_URL_STS = $script:Emu.StsUrlHttp
    $env:AWS_REGION = 'us-east-1'
    $script:Developer = 'arn:aws:iam::123456789012:role/CasDeveloper'
    $script:Admin = 'arn:aws:iam::123456789012:role/engineering/CasAdmin'

    function script:Get-Logged([string] $Action, [string] $Outcome = '*') {
        @(Get-CasAwsEmulatorRequest $script:Emu | ForEach-Object { $_ } | Where-Object { $_.Action -eq $Action -and $_.Outcome -like $Outcome })
    }
    function script:Get-AwsStsCall { @(Get-CasAwsEmulatorRequest $script:Emu | ForEach-Object { $_ } | Where-Object { $_.Path -like '*/actuator/awsSts' }) }
    # The AWS CLI as a user's shell runs it: the scratch AWS files and cache, STS at the emulator for the CLI and the helper.
    function script:Invoke-CallerIdentity([string] $ProfileName) {
        Invoke-TestAwsCli -Arguments @('sts', 'get-caller-identity', '--endpoint-url', $script:Emu.StsUrlHttp, '--output', 'json', '--profile', $ProfileName) -Environment @{
            AWS_CONFIG_FILE = $env:AWS_CONFIG_FILE; AWS_SHARED_CREDENTIALS_FILE = $env:AWS_SHARED_CREDENTIALS_FILE; CASAWS_CACHE_DIR = $env:CASAWS_CACHE_DIR
            AWS_ENDPOINT_URL_STS = $script:Emu.StsUrlHttp
        }
    }
}

AfterAll {
    Disconnect-CasAws -ErrorAction Ignore
    foreach ($name in $script:Saved.Keys) { [Environment]::SetEnvironmentVariable($name, $script:Saved[$name]) }
    Exit-CasAwsScratch $script:Scratch
    Stop-CasAwsEmulator $script:Emu
}

Describe 'One browser login, then Get-CasAwsRole | Register-CasAwsProfile -NameTemplate: every profile works in the AWS CLI' -Skip:$script:NoCli {
    BeforeAll {
        Reset-CasAwsEmulator $script:Emu
        # erin has two roles and Duo: her phone approves the browser login's push after 2 s.
        $job = Start-StandInBrowser -UrlFile $script:Recorder.UrlFile -User erin -Password erin-pw
        try {
            $script:Session = Connect-CasAws -Server $script:Server -OpenIdConnect -TimeoutSec 60 -WarningAction SilentlyContinue
            $script:Browser = $job | Wait-Job -Timeout 90 | Receive-Job
        } finally {
            $job | Remove-Job -Force
        }
        Set-CasAwsAccountAlias 123456789012 research-prod | Out-Null
        $script:Profiles = Get-CasAwsRole | Register-CasAwsProfile -NameTemplate '{AccountAlias}-{RoleName}'
        $script:AssumedBeforeCli = (Get-Logged 'sts:AssumeRoleWithWebIdentity').Count
        $script:Answers = foreach ($name in $script:Profiles.ProfileName) { [pscustomobject]@{ Name = $name; Run = Invoke-CallerIdentity $name } }
    }

    It 'logged in once in the browser, with one Duo push' {
        $script:Browser.Content | Should -Match 'Logged in'
        $script:Session.UserName | Should -Be 'erin'
        (Get-Logged 'oidc:oidcAccessToken' 'tokens issued').Count | Should -Be 1 -Because 'one authorization code was exchanged'
        (Get-Logged 'oidc:login' 'duo page').Count | Should -Be 1
        (Get-CasAwsEmulatorStat $script:Emu).pushes | Should -Be 1
    }

    It 'registered one profile per role, named by the template and the saved alias' {
        $script:Profiles.ProfileName | Should -Be @('research-prod-CasDeveloper', 'research-prod-CasAdmin')
        $script:Profiles.Role | Should -Be @($script:Developer, $script:Admin)
        $script:AssumedBeforeCli | Should -Be 0 -Because 'the login and the registration fetched no role keys, so the AWS CLI must get them through the helper'
    }

    It 'the AWS CLI answers each profile with its own role''s assumed-role ARN' {
        $script:Answers.Count | Should -Be 2
        foreach ($answer in $script:Answers) {
            $answer.Run.ExitCode | Should -Be 0 -Because "profile $($answer.Name): $($answer.Run.StdErr)"
        }
        $script:Answers[0].Run.Json.Arn | Should -Be 'arn:aws:sts::123456789012:assumed-role/CasDeveloper/erin'
        $script:Answers[1].Run.Json.Arn | Should -Be 'arn:aws:sts::123456789012:assumed-role/CasAdmin/erin'
    }

    It 'each profile''s helper renewed its role from the cached id_token: no awsSts call, no second browser login' {
        $renewals = Get-Logged 'sts:AssumeRoleWithWebIdentity'
        $renewals.Count | Should -Be 2 -Because 'one AssumeRoleWithWebIdentity per profile'
        $renewals.Outcome -join ' ' | Should -Not -Match 'denied|expired|invalid'
        Get-AwsStsCall | Should -BeNullOrEmpty -Because 'a browser login never calls CAS''s awsSts'
        (Get-Logged 'oidc:oidcAccessToken' 'tokens issued').Count | Should -Be 1
        (Get-Logged 'oidc:oidcAccessToken').Count | Should -Be 1 -Because 'the id_token was still fresh: not even a refresh'
        (Get-CasAwsEmulatorStat $script:Emu).pushes | Should -Be 1
    }

    It 'a second round of AWS CLI calls is answered from the helper''s cache, with no call anywhere' {
        $before = @(Get-CasAwsEmulatorRequest $script:Emu | ForEach-Object { $_ } | Where-Object { $_.Action -ne 'sts:GetCallerIdentity' }).Count

        $again = foreach ($name in $script:Profiles.ProfileName) { Invoke-CallerIdentity $name }

        $again.ExitCode | Should -Be @(0, 0)
        $again[1].Json.Arn | Should -Be 'arn:aws:sts::123456789012:assumed-role/CasAdmin/erin'
        @(Get-CasAwsEmulatorRequest $script:Emu | ForEach-Object { $_ } | Where-Object { $_.Action -ne 'sts:GetCallerIdentity' }).Count | Should -Be $before
    }
}
