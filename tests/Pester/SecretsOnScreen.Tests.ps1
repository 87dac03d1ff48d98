# A credential's SecretKey and SessionToken never reach a screen or a transcript unless named
# (issue 20, item 1). The danger is PowerShell's own fallback: an object that is not the first kind
# a statement or script writes is listed out of band with every property, whatever its view says.
# Each case runs the commands as a user would, in a new pwsh (a script, a real terminal, a transcript),
# then reads the same credential back from the session's cache to know which text must not appear.
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport/TmuxTerminal.psm1') -Force
    $script:NoTmux = -not (Test-TmuxAvailable)
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport/Emulator.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'TestSupport/Package.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'TestSupport/PseudoTerminal.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'TestSupport/TmuxTerminal.psm1') -Force
    $script:Emu = Start-CasAwsEmulator
    $script:Artifacts = Join-Path $env:CASAWS_REPO_ROOT 'artifacts'
    # bob has no second factor (no push to answer); his default role spares Get-CasAwsCredential a role menu.
    $script:Connect = "Connect-CasAws -Server $($Emu.CasBaseHttps) -CaBundlePath '$($Emu.CertificatePath)' -RoleArn CasDeveloper -Credential ([pscredential]::new('bob', (ConvertTo-SecureString bob-pw -AsPlainText -Force)))"
    # Run last in the same session: the cached credential the commands above displayed, its keys one per line.
    $script:SaveKeys = '$shown = Get-CasAwsCredential -RoleArn CasDeveloper; $shown.AccessKey, $shown.SecretKey, $shown.SessionToken | Set-Content -LiteralPath keys.txt'

    function script:New-UserHome {
        $path = Join-Path ([IO.Path]::GetTempPath()) ('casaws-screen-' + [guid]::NewGuid().ToString('N').Substring(0, 12))
        (New-Item -ItemType Directory -Path $path).FullName
    }

    function script:Invoke-UserScript([string] $HomePath, [string] $Script) {
        Invoke-FreshPwsh -HomePath $HomePath -Environment @{ PSModulePath = $Artifacts } -Script "Set-Location -LiteralPath '$HomePath'`n$Script"
    }

    function script:Assert-NoSecretShown([string] $Shown, [string] $HomePath) {
        $keys = @(Get-Content -LiteralPath (Join-Path $HomePath 'keys.txt'))
        $keys.Count | Should -Be 3
        $Shown | Should -BeLike "*$($keys[0])*" -Because 'the credential itself was shown, by its access key id'
        $Shown | Should -Not -BeLike "*$($keys[1])*" -Because 'the secret key is shown only when named'
        # A long token may be wrapped on screen: its head alone must not be there either.
        $Shown | Should -Not -BeLike "*$($keys[2].Substring(0, 32))*" -Because 'the session token is shown only when named'
    }
}

AfterAll {
    Stop-CasAwsEmulator $script:Emu
}

Describe 'A credential written after another kind of object' {
    It 'shows no key in a script that runs the README''s first two lines (Connect-CasAws, then Get-CasAwsCredential)' {
        $userHome = New-UserHome
        try {
            $run = Invoke-UserScript $userHome "Import-Module CasAws`n$Connect`nGet-CasAwsCredential -RoleArn CasDeveloper`n$SaveKeys"

            $run.ExitCode | Should -Be 0 -Because $run.StdErr
            Assert-NoSecretShown $run.StdOut $userHome
        } finally {
            Remove-Item -LiteralPath $userHome -Recurse -Force -ErrorAction SilentlyContinue
        }
    }

    It 'keeps the keys out of a Start-Transcript file (Get-CasAwsConnection; Get-CasAwsCredential)' {
        $userHome = New-UserHome
        try {
            $transcript = Join-Path $userHome 'transcript.txt'
            # No Stop-Transcript: the script's output is formatted as it ends, and the transcript ends with the process.
            $script = "Start-Transcript -LiteralPath '$transcript' | Out-Null`nImport-Module CasAws`n$Connect | Out-Null`n" +
                "Get-CasAwsConnection; Get-CasAwsCredential`n$SaveKeys"
            $run = Invoke-UserScript $userHome $script

            $run.ExitCode | Should -Be 0 -Because $run.StdErr
            Assert-NoSecretShown (Get-Content -LiteralPath $transcript -Raw) $userHome
        } finally {
            Remove-Item -LiteralPath $userHome -Recurse -Force -ErrorAction SilentlyContinue
        }
    }

    It 'shows no key at an interactive prompt in a real terminal (Get-CasAwsConnection; Get-CasAwsCredential)' -Skip:$script:NoTmux {
        $userHome = New-UserHome
        try {
            # A wide terminal, so that the secret key would sit whole on one line if it were shown.
            $terminal = Start-TmuxTerminal -Columns 250 -Command "cd '$userHome' && HOME='$userHome' PSModulePath='$Artifacts' $(Get-TestPwshCommandLine) -NoProfile -NoLogo"
            try {
                Wait-TmuxText $terminal 'PS ' | Should -BeTrue -Because (Get-TmuxText $terminal)
                Send-TmuxKeys $terminal "Import-Module CasAws; $Connect | Out-Null"
                Send-TmuxKeys $terminal 'Get-CasAwsConnection; Get-CasAwsCredential'
                Wait-TmuxText $terminal 'AssumedRoleArn' | Should -BeTrue -Because (Get-TmuxText $terminal)
                Send-TmuxKeys $terminal "$SaveKeys; 'KEYS ' + 'SAVED'"
                Wait-TmuxText $terminal 'KEYS SAVED' | Should -BeTrue -Because (Get-TmuxText $terminal)
            } finally {
                $screen = Stop-TmuxTerminal $terminal
            }
            Assert-NoSecretShown $screen $userHome
        } finally {
            Remove-Item -LiteralPath $userHome -Recurse -Force -ErrorAction SilentlyContinue
        }
    }
}

Describe 'Formatting a credential without naming its keys' {
    BeforeAll {
        Import-Module (Join-Path $Artifacts 'CasAws/CasAws.psd1') -Force
        $script:Credential = [CasAws.Credentials.CasAwsCredential]::new('ASIAEXAMPLEEXAMPLE01', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'IQoJb3JpZ2luX2VjEXAMPLETOKEN', [datetime]::UtcNow.AddHours(1))
    }

    It 'hides the keys from <Name>' -ForEach @(
        @{ Name = 'Format-Custom'; Render = { $Credential | Format-Custom | Out-String } }
        @{ Name = 'Format-Wide'; Render = { $Credential | Format-Wide | Out-String } }
        @{ Name = 'a list after another type'; Render = { @((Get-Item -LiteralPath $PSHOME), $Credential) | Out-String } }
        @{ Name = 'ToString()'; Render = { $Credential.ToString() } }
        @{ Name = 'a job''s output after another type'; Render = {
                $fromJob = Start-Job -ArgumentList (Join-Path $Artifacts 'CasAws/CasAws.psd1'), $Credential.SecretKey, $Credential.SessionToken -ScriptBlock {
                    param($module, $secretKey, $sessionToken)
                    Import-Module $module
                    [CasAws.Credentials.CasAwsCredential]::new('ASIAEXAMPLEEXAMPLE01', $secretKey, $sessionToken, [datetime]::UtcNow.AddHours(1))
                } | Receive-Job -Wait -AutoRemoveJob
                @((Get-Item -LiteralPath $PSHOME), $fromJob) | Out-String } }
    ) {
        $shown = & $Render
        $shown | Should -BeLike '*ASIAEXAMPLEEXAMPLE01*'
        $shown | Should -Not -BeLike '*EXAMPLEKEY*'
        $shown | Should -Not -BeLike '*EXAMPLETOKEN*'
    }

    It 'shows the keys where the user asks for them, as about_CasAws says' {
        $Credential | Format-List * | Out-String | Should -BeLike '*EXAMPLEKEY*'
        # ConvertTo-Json serializes the object it is given: the keys are kept, for the tool that reads the JSON.
        ($Credential | ConvertTo-Json | ConvertFrom-Json).SecretKey | Should -Be $Credential.SecretKey
        $Credential | Select-Object -ExcludeProperty SecretKey, SessionToken | ConvertTo-Json | Should -Not -BeLike '*EXAMPLEKEY*'
        $about = Get-Content -LiteralPath (Join-Path $env:CASAWS_REPO_ROOT 'docs/help/about_CasAws.md') -Raw
        $about | Should -BeLike '*ConvertTo-Json*keeps*SecretKey*'
    }
}
