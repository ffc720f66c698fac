using System.Security.Claims;

namespace Convene.Ui.Live;

/// <summary>How a control component of <c>/live/{id}</c> runs an action: the page passes the signed-in user (read again
/// at each action) and its cancellation, shows the <see cref="LiveOutcome"/>, reads the meeting again and returns it.</summary>
public delegate Task<LiveOutcome> LiveAct(Func<ClaimsPrincipal, CancellationToken, Task<LiveOutcome>> action);
