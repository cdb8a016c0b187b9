# bash completion for zhevents(1).  Installed by `meson install` into
# share/bash-completion/completions/zhevents, where bash-completion loads
# it on first use.  Commands and options are read from `zhevents help`,
# so they stay those of the zhevents on PATH; formats and values are here.

_zhevents_commands()
{
    zhevents help 2>/dev/null |
        awk '/^Commands:/ { on = 1; next } on && /^$/ { exit } on && /^  [a-z]/ { print $1 }'
}

_zhevents_options()
{
    zhevents help "$1" 2>/dev/null | grep -oE -- '(^|[ ,])--?[a-zA-Z][a-z-]*' |
        tr -d ' ,' | sort -u
}

_zhevents_formats()
{
    case $1 in
        extract) echo jsonl ;;
        show | segment) echo text jsonl ;;
        query) echo table jsonl json csv ;;
        search) echo table jsonl json ;;
        stats) echo table json csv ;;
        timeline) echo csv json jsonl timelinejs timelinejs-csv flourish prices-wide md html ;;
    esac
}

_zhevents()
{
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
    COMPREPLY=()
    if [ "$COMP_CWORD" -eq 1 ]; then
        COMPREPLY=($(compgen -W "$(_zhevents_commands)" -- "$cur"))
        return
    fi
    local cmd=${COMP_WORDS[1]}
    case $prev in
        -f | --format)
            COMPREPLY=($(compgen -W "$(_zhevents_formats "$cmd")" -- "$cur"))
            return ;;
        --type)
            COMPREPLY=($(compgen -W "export_control price launch shipment capacity" -- "$cur"))
            return ;;
        -e | --encoding)
            COMPREPLY=($(compgen -W "utf-8 gb18030 gbk big5 utf-16le utf-16be" -- "$cur"))
            return ;;
        --lexicons)
            COMPREPLY=($(compgen -d -- "$cur"))
            return ;;
        --db | -o | --output | --errors)
            COMPREPLY=($(compgen -f -- "$cur"))
            compopt -o filenames 2>/dev/null
            return ;;
        --chip | --vendor | --from | --to | --limit | --jobs | --published | --title | \
            --min-confidence | --max-article-bytes | --field)
            return ;;
    esac
    if [ "$cmd" = help ]; then
        COMPREPLY=($(compgen -W "$(_zhevents_commands)" -- "$cur"))
    elif [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$(_zhevents_options "$cmd")" -- "$cur"))
    else
        COMPREPLY=($(compgen -f -- "$cur"))
        compopt -o filenames 2>/dev/null
    fi
}

complete -F _zhevents zhevents
