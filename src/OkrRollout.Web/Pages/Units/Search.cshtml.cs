using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OkrRollout.Web.Security;

namespace OkrRollout.Web.Pages.Units;

/// <summary>The options of a unit picker for what has been typed into its search box (htmx).</summary>
[Authorize(Policy = Policies.Member)]
public class SearchModel(UnitPicker picker) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string? unitTerm, int? selected, UnitPickerEmpty empty, CancellationToken cancellationToken) =>
        Partial("_UnitOptions", new UnitOptionsView(await picker.SearchAsync(unitTerm, selected, cancellationToken), selected, empty, Indented: false));
}
