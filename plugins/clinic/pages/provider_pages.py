"""A small Pelican generator: one page per provider, and the team page that lists them."""

from __future__ import annotations

from pelican.generators import Generator

from ..settings.options import context_of
from .listings import TEAM_PATH, listing_head, provider_breadcrumbs, provider_head


class ProviderPages(Generator):
    """Writes `providers/<key>/` for each entry of CLINIC_PROVIDERS, and `providers/`."""

    def generate_output(self, writer) -> None:
        build = context_of(self.settings)
        if build is None:
            return
        providers = list(build.site.providers.values())
        articles = self.context.get("articles", [])
        for provider in providers:
            writer.write_file(
                f"{provider.url}index.html",
                self.get_template("provider"),
                self.context,
                relative_urls=build.options.pelican.relative_urls,
                provider=provider,
                breadcrumbs=provider_breadcrumbs(build, provider),
                reviewed=[a for a in articles if getattr(a, "reviewer", None) == provider],
                head=provider_head(build, provider),
            )
        if providers:
            output_file = f"{build.home_url}{TEAM_PATH}index.html"
            writer.write_file(
                output_file,
                self.get_template("providers"),
                self.context,
                relative_urls=build.options.pelican.relative_urls,
                providers=providers,
                head=listing_head(build, "providers", output_file, build.text("Our team")),
            )
