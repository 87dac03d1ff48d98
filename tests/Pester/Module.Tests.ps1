BeforeAll {
    $script:ModulePath = Join-Path $env:CASAWS_REPO_ROOT 'artifacts/CasAws/CasAws.psd1'
}

Describe 'The built module' {
    It 'has a valid manifest' {
        { Test-ModuleManifest -Path $script:ModulePath -ErrorAction Stop } | Should -Not -Throw
    }

    It 'imports' {
        Import-Module $script:ModulePath -Force
        Get-Module CasAws | Should -Not -BeNullOrEmpty
    }
}
