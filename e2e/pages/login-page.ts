import { expect, type Locator, type Page } from '@playwright/test';

/** The login screen ("Inloggen"). */
export class LoginPage {
  readonly username: Locator;
  readonly password: Locator;
  readonly submit: Locator;

  constructor(readonly page: Page) {
    this.username = page.getByLabel('Gebruikersnaam');
    this.password = page.getByLabel('Wachtwoord');
    this.submit = page.getByRole('button', { name: 'Inloggen' });
  }

  async open(): Promise<void> {
    await this.page.goto('/');
    await expect(this.page.locator('[data-app-state="ready"]')).toBeVisible();
    await expect(this.username).toBeVisible();
  }

  async logIn(username: string, password: string): Promise<void> {
    await this.username.fill(username);
    await this.password.fill(password);
    await this.submit.click();
  }
}
