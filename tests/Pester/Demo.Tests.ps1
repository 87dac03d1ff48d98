# The README's demo (tools/Demo.ps1) runs unattended from start to end against the emulator.
# Runs early: it waits for the demo's Duo pushes.
Describe 'tools/Demo.ps1' {
    It 'runs the whole narrated session unattended and shows no secret' {
        $root = $env:CASAWS_REPO_ROOT
        $emulatorPath = (Import-Module (Join-Path $root 'tests/Pester/TestSupport/Emulator.psm1') -PassThru -Force | ForEach-Object { Get-CasAwsEmulatorPath })
        $pwsh = [Environment]::ProcessPath
        $pwshArguments = @()
        if ([System.IO.Path]::GetFileNameWithoutExtension($pwsh) -eq 'dotnet') { $pwshArguments += (Join-Path $PSHOME 'pwsh.dll') }
        $output = & $pwsh @pwshArguments -NoProfile -NonInteractive -File (Join-Path $root 'tools/Demo.ps1') -Root $root `
            -EmulatorPath $emulatorPath -ModulePath (Join-Path $root 'artifacts/CasAws/CasAws.psd1') *>&1 | Out-String
        $output = $output -replace "`e\[[0-9;]*m", ''   # colours
        $LASTEXITCODE | Should -Be 0 -Because $output
        $output | Should -BeLike '*Mode*: Roles*'
        $output | Should -BeLike '*Same keys: True; CAS calls made: 0*'
        $output | Should -BeLike '*RoleArnAmbiguous*'
        $output | Should -BeLike '*CasAuthenticationFailed*'
        $output | Should -BeLike '*Forgot the session of dana*'
        $output | Should -BeLike '*SecretKey*: (hidden)*'
        $output | Should -Not -BeLike '*dana-pw*'
    }
}
