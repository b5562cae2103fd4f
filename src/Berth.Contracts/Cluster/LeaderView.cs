namespace Berth.Contracts;

/// <summary>Who leads the control planes, as the one answering sees it.</summary>
/// <param name="Leader">The leading control plane's name in the election; null between two leaders.</param>
/// <param name="Self">This control plane's name in the election.</param>
/// <param name="Leading">Whether this control plane probes, follows engines, pings hosts and reconciles.</param>
/// <param name="Elected">False when this control plane is alone on its state and does that work without an election.</param>
/// <param name="Work">The leader work running here now: empty on a follower.</param>
public sealed record LeaderView(string? Leader, string Self, bool Leading, bool Elected, IReadOnlyList<string> Work);
