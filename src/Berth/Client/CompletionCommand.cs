using System.CommandLine;

namespace Berth.Client;

/// <summary>
/// <c>berth completion bash|zsh|fish</c>: a script the shell loads so Tab completes commands, options and values. Each
/// script asks berth itself through System.CommandLine's <c>[suggest:POSITION]</c> directive, so completion never lags
/// behind the commands; the scripts only cut the program name off the line and pass the cursor's position.
/// </summary>
internal static class CompletionCommand
{
    private const string Bash = """
        # berth completion for bash. Load it with: source <(berth completion bash)
        _berth() {
          local line="${COMP_LINE:0:COMP_POINT}"
          local args="${line#*[[:space:]]}"
          [[ "$args" == "$line" ]] && args=""
          local IFS=$'\n'
          COMPREPLY=($(compgen -W "$("${COMP_WORDS[0]}" "[suggest:${#args}]" "$args" 2>/dev/null)" -- "${COMP_WORDS[COMP_CWORD]}"))
        }
        complete -o default -F _berth berth
        """;

    private const string Zsh = """
        #compdef berth
        # berth completion for zsh. Load it with: source <(berth completion zsh)
        _berth() {
          local line="${BUFFER[1,CURSOR]}"
          local args="${line#* }"
          [[ "$args" == "$line" ]] && args=""
          local -a items
          items=("${(@f)$("${words[1]}" "[suggest:${#args}]" "$args" 2>/dev/null)}")
          compadd -- $items
        }
        compdef _berth berth
        """;

    private const string Fish = """
        # berth completion for fish. Load it with: berth completion fish | source
        function __berth_complete
            set -l args (string replace -r '^\S+\s*' '' -- (commandline -cp))
            berth "[suggest:"(string length -- "$args")"]" "$args" 2>/dev/null
        end
        complete -c berth -f -a '(__berth_complete)'
        """;

    public static Command Create()
    {
        var shell = new Argument<string>("SHELL") { Description = "bash, zsh or fish" }.AcceptOnlyFromAmong("bash", "zsh", "fish");
        var command = new Command("completion", "Print the shell completion script: source <(berth completion bash)") { shell };
        command.SetAction(parse =>
        {
            parse.InvocationConfiguration.Output.WriteLine(parse.GetValue(shell) switch
            {
                "bash" => Bash,
                "zsh" => Zsh,
                _ => Fish,
            });
            return 0;
        });
        return command;
    }
}
