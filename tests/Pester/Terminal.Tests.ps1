# What a user sees at a real terminal (a pseudo-terminal from util-linux 'script'): the login prompt
# when standard output is redirected, and the progress line while CAS waits for the Duo push.
BeforeDiscovery {
    $script:NoScript = $IsWindows -or -not (Get-Command script -CommandType Application -ErrorAction SilentlyContinue)
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport/Emulator.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'TestSupport/PseudoTerminal.psm1') -Force
    # The file the redirected output went to holds the export lines and nothing of the prompts.
    function script:Assert-OnlyExports([string] $Path) {
        $lines = @(Get-Content -LiteralPath $Path)
        $lines | Should -Not -BeNullOrEmpty
        $lines | Where-Object { $_ -notmatch '^(export AWS_[A-Z_]+=''[^'']*''|unset AWS_[A-Z_]+)$' } | Should -BeNullOrEmpty
        ($lines -join "`n") | Should -BeLike "*export AWS_ACCESS_KEY_ID='ASIA*"
    }
    $script:Emu = Start-CasAwsEmulator
    $script:Artifacts = Join-Path $env:CASAWS_REPO_ROOT 'artifacts'
    $script:Pwsh = Get-TestPwshCommandLine
    $script:Developer = 'arn:aws:iam::123456789012:role/CasDeveloper'
}

AfterAll {
    Stop-CasAwsEmulator $script:Emu
}

Describe 'At a terminal' -Skip:$script:NoScript {
    It 'asks for the password on the terminal, not in redirected output, so ConvertTo-CasAwsEnvironment example 2 writes a clean file' {
        $work = Join-Path ([IO.Path]::GetTempPath()) "casaws-redirect-$PID"
        New-Item -ItemType Directory -Path $work -Force | Out-Null
        try {
            # Help example 2, with the emulator as the CAS server (and its test CA) and the module found by name.
            $inner = "Import-Module CasAws; Get-CasAwsCredential -Server $($script:Emu.CasBaseHttps) -CaBundlePath $($script:Emu.CertificatePath) -RoleArn $script:Developer | ConvertTo-CasAwsEnvironment -Shell Bash"
            $terminal = Start-PseudoTerminal -Command "cd '$work' && PSModulePath='$script:Artifacts' $script:Pwsh -NoProfile -Command `"$inner`" > creds.sh"
            $typed = $false
            try {
                Wait-PseudoTerminalText $terminal ([regex]::Escape('User: '))
                Send-PseudoTerminalText $terminal "bob`r"
                Wait-PseudoTerminalText $terminal ([regex]::Escape('Password for user bob: '))
                Send-PseudoTerminalText $terminal "bob-pw`r"
                $typed = $true
            } finally {
                # A failed wait leaves the command waiting for keys: end it at once, and its temporary files with it.
                $screen = (Wait-PseudoTerminal $terminal -TimeoutSeconds $(if ($typed) { 120 } else { 1 })).Output
            }

            $screen | Should -BeLike '*CAS login*User name and password for*'
            $screen | Should -Not -BeLike '*bob-pw*' -Because 'the password is not echoed'
            Assert-OnlyExports (Join-Path $work 'creds.sh')
        } finally {
            Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction SilentlyContinue
        }
    }

    It 'reports an untrusted certificate before asking for the user name and password, so nothing is typed in vain' {
        # Without -CaBundlePath the emulator's test CA is not trusted.
        $inner = "Import-Module CasAws; Connect-CasAws -Server $($script:Emu.CasBaseHttps)"
        $terminal = Start-PseudoTerminal -Command "PSModulePath='$script:Artifacts' $script:Pwsh -NoProfile -Command `"$inner`""
        try {
            Wait-PseudoTerminalText $terminal ([regex]::Escape('CaBundlePath')) -TimeoutSeconds 60
        } finally {
            $screen = (Wait-PseudoTerminal $terminal -TimeoutSeconds 10).Output
        }

        ($screen -replace '\r?\n', '') | Should -BeLike '*is not trusted*-CaBundlePath*'
        $screen | Should -Not -BeLike '*User name and password*'
        $screen | Should -Not -BeLike '*User: *'
    }

    It 'asks for an MFA code on the terminal, not in redirected output, and never echoes it' {
        $work = Join-Path ([IO.Path]::GetTempPath()) "casaws-redirect-mfa-$PID"
        New-Item -ItemType Directory -Path $work -Force | Out-Null
        try {
            # bob has no second factor at the emulator's CAS, which ignores the code: what is tested is where the question goes.
            $inner = "Import-Module CasAws; Get-CasAwsCredential -Server $($script:Emu.CasBaseHttps) -CaBundlePath $($script:Emu.CertificatePath) -Credential ([pscredential]::new('bob', (ConvertTo-SecureString bob-pw -AsPlainText -Force))) -MfaProvider GoogleAuthenticator -RoleArn $script:Developer | ConvertTo-CasAwsEnvironment -Shell Bash"
            $terminal = Start-PseudoTerminal -Command "cd '$work' && PSModulePath='$script:Artifacts' $script:Pwsh -NoProfile -Command `"$inner`" > creds.sh"
            $typed = $false
            try {
                Wait-PseudoTerminalText $terminal ([regex]::Escape('Google Authenticator code for ')) -TimeoutSeconds 60
                Send-PseudoTerminalText $terminal "402913`r"
                $typed = $true
            } finally {
                # Without the question on the screen the command waits for keys nobody types: end it at once.
                $screen = (Wait-PseudoTerminal $terminal -TimeoutSeconds $(if ($typed) { 120 } else { 1 })).Output
            }

            $screen | Should -Not -BeLike '*402913*' -Because 'the code is not echoed'
            Assert-OnlyExports (Join-Path $work 'creds.sh')
        } finally {
            Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction SilentlyContinue
        }
    }

    It 'shows the seconds waited and how to cancel on an 80-column progress line while the Duo push is pending' {
        $inner = "Import-Module CasAws; \`$null = Connect-CasAws -Server $($script:Emu.CasBaseHttps) -CaBundlePath $($script:Emu.CertificatePath) -Credential ([pscredential]::new('frank', (ConvertTo-SecureString frank-pw -AsPlainText -Force)))"
        $terminal = Start-PseudoTerminal -Columns 80 -Command "PSModulePath='$script:Artifacts' $script:Pwsh -NoProfile -Command `"$inner`""
        try {
            Wait-PseudoTerminalText $terminal ([regex]::Escape('s waited, Ctrl+C cancels'))
        } finally {
            Approve-CasAwsPush -Emulator $script:Emu -User frank -WaitSeconds 60 | Out-Null   # frank's phone never answers by itself
            $screen = (Wait-PseudoTerminal $terminal).Output
        }
        $screen | Should -Match 'CAS login \[?.*\d+ s waited, Ctrl\+C cancels'
    }
}
