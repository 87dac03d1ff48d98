# Disconnect-CasAws -All (issue 20, item 11): "log out everywhere" as aws sso logout does. The session goes,
# and so do the keys cached for its server and user's registered profiles and the cached id_token; other
# users' profiles keep theirs, the profiles stay registered, -WhatIf changes nothing.
BeforeAll {
    Import-Module (Join-Path $env:CASAWS_REPO_ROOT 'tests/Pester/TestSupport/Emulator.psm1') -Force
    Import-Module (Join-Path $env:CASAWS_REPO_ROOT 'tests/Pester/TestSupport/CasAwsFiles.psm1') -Force
    Import-Module (Join-Path $env:CASAWS_REPO_ROOT 'tests/Pester/OidcSupport/OidcBrowserStandIn.psm1') -Force
    Import-Module (Join-Path $env:CASAWS_REPO_ROOT 'artifacts/CasAws/CasAws.psd1') -Force
    $script:Emu = Start-CasAwsEmulator
    $script:Server = $Emu.CasBaseHttp
    $script:Developer = 'arn:aws:iam::123456789012:role/CasDeveloper'
    $script:Admin = 'arn:aws:iam::123456789012:role/engineering/CasAdmin'
    $script:Scratch = Enter-CasAwsScratch
    $script:Work = Join-Path $Scratch.Root 'browser'
    New-Item -ItemType Directory -Path $Work | Out-Null
    $script:Recorder = New-UrlRecorder -Directory $Work
    $script:SavedEnvironment = @{ BROWSER = $env:BROWSER; AWS_ENDPOINT_URL_STS = $env:AWS_ENDPOINT_URL_STS; AWS_REGION = $env:AWS_REGION }
    $env:BROWSER = $Recorder.Command
    $env:AWS_ENDPOINT_URL_STS = $Emu.StsUrlHttp
    $env:AWS_REGION = 'us-east-1'
    function script:Login([string] $User, [string] $Password) {
        Connect-CasAws -Server $Server -Credential ([pscredential]::new($User, (ConvertTo-SecureString $Password -AsPlainText -Force))) -WarningAction SilentlyContinue | Out-Null
    }
    function script:CachedUntil([string] $Profile) { (Get-CasAwsProfile | Where-Object ProfileName -EQ $Profile).CachedUntil }
    function script:TokenFiles { @(Get-ChildItem -LiteralPath (Join-Path $Scratch.Cache 'oidc') -Filter '*.token' -ErrorAction Ignore) }
}

AfterAll {
    Disconnect-CasAws -ErrorAction Ignore
    foreach ($name in $SavedEnvironment.Keys) { [Environment]::SetEnvironmentVariable($name, $SavedEnvironment[$name]) }
    Exit-CasAwsScratch $Scratch
    Stop-CasAwsEmulator $Emu
}

Describe 'Disconnect-CasAws -All' {
    It 'wipes the keys of the session''s server and user and the cached id_token, keeps other users'' keys and every registration' {
        Register-CasAwsProfile mine -Server $Server -RoleArn $Developer | Out-Null
        Register-CasAwsProfile theirs -Server $Server -RoleArn $Admin | Out-Null
        Login alice alice-pw
        Get-CasAwsCredential -RoleArn $Admin | Out-Null
        Disconnect-CasAws
        CachedUntil theirs | Should -Not -BeNullOrEmpty -Because 'Disconnect-CasAws alone leaves the disk as it was'

        # bob's browser login in a PowerShell closed without Disconnect-CasAws leaves its id_token cached for the
        # helper; then casuser's password session fills 'mine'.
        $standIn = Join-Path $env:CASAWS_REPO_ROOT 'tests/Pester/OidcSupport/OidcBrowserStandIn.psm1'
        $module = Join-Path $env:CASAWS_REPO_ROOT 'artifacts/CasAws/CasAws.psd1'
        $browserLogin = "Import-Module '$standIn'; Import-Module '$module'; `$job = Start-StandInBrowser -UrlFile '$($Recorder.UrlFile)' -User bob -Password bob-pw; " +
            "Connect-CasAws -Server '$Server' -OpenIdConnect -TimeoutSec 30 -WarningAction SilentlyContinue | Out-Null; `$job | Wait-Job -Timeout 60 | Out-Null"
        & dotnet pwsh -NoProfile -NonInteractive -Command $browserLogin 2>&1 | Out-Null
        @(TokenFiles).Count | Should -Be 1
        Login casuser Mellon
        Get-CasAwsCredential -RoleArn $Developer | Out-Null
        CachedUntil mine | Should -Not -BeNullOrEmpty

        Disconnect-CasAws -All -WhatIf
        CachedUntil mine | Should -Not -BeNullOrEmpty -Because '-WhatIf changes nothing'
        @(TokenFiles).Count | Should -Be 1
        { Get-CasAwsCredential -RoleArn $Developer -ErrorAction Stop } | Should -Not -Throw -Because '-WhatIf keeps the session too'

        $said = Disconnect-CasAws -All 6>&1 | Out-String
        $said | Should -BeLike "*wiped the cached keys of profile 'mine' and the cached browser login (id_token) for casuser at*"
        CachedUntil mine | Should -BeNullOrEmpty
        @(TokenFiles).Count | Should -Be 0
        CachedUntil theirs | Should -Not -BeNullOrEmpty -Because 'alice''s keys are not casuser''s to wipe'
        @(Get-CasAwsProfile).ProfileName | Sort-Object | Should -Be @('mine', 'theirs')
        { Get-CasAwsCredential -RoleArn $Developer -ErrorAction Stop } | Should -Throw -ErrorId 'NotConnected,*'
    }

    It 'without a session wipes what is cached for every server, and says when nothing is' {
        CachedUntil theirs | Should -Not -BeNullOrEmpty
        $said = Disconnect-CasAws -All 6>&1 | Out-String
        $said | Should -BeLike "*profile 'theirs'*every server*"
        CachedUntil theirs | Should -BeNullOrEmpty
        $verbose = Disconnect-CasAws -All -Verbose 4>&1 6>&1 | Out-String
        $verbose | Should -BeLike '*Nothing is cached on disk for every server*'
    }
}
