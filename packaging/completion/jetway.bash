# bash completion for jetway
_jetway() {
    local cur=${COMP_WORDS[COMP_CWORD]}
    local commands="migrate info validate baseline repair clean undo check testConnection add init plugins help"
    local options="-url= -user= -password= -passwordFile= -schemas= -defaultSchema= -locations= -table= -target=
        -placeholders. -baselineOnMigrate= -baselineVersion= -outOfOrder= -group= -mixed= -cleanDisabled=
        -dryRunOutput= -configFiles= -workingDirectory= -environment= -jarDirs= -resolvers= -callbacks=
        -outputType=json -color= -validateOnMigrate= -ignoreMigrationPatterns= -installedBy= -lockRetryCount=
        -connectRetries= -initSql= -encoding= -outputFile= -outputLogsInJson= -reportEnabled= -reportFilename=
        -tablespace= -description= -dryrun -drift -failOnDrift= -X -q -v --version -h --help"
    if [[ $cur == -* ]]; then
        compopt -o nospace 2>/dev/null
        COMPREPLY=($(compgen -W "$options" -- "$cur"))
    else
        COMPREPLY=($(compgen -W "$commands" -- "$cur"))
    fi
}
complete -F _jetway jetway
